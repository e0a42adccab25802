// kodo's own lexer (src/sql/lexer.ts) against libpg-query's `scan`, Postgres's real scanner: on every migration
// in the repository and on tricky snippets, both must find the same comments and the same string literals.
// (The linter lexes with its own single pass because `scan` returns every token as JSON: on 1,000 files it
// costs more than parsing them.)
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { beforeAll, describe, expect, it } from 'vitest';
import { lex } from '../../src/sql/lexer.js';
import { SourceText } from '../../src/sql/source.js';
import { importParser } from '../../src/sql/wasm-setup.js';

type Scan = (sql: string) => {
  tokens: { start: number; end: number; tokenName: string; tokenType: number }[];
};
let scan: Scan;

beforeAll(async () => {
  scan = (await importParser()).scanSync as Scan;
});

// SCONST, USCONST, BCONST, XCONST (the last three are named UNKNOWN in scan's output).
const STRING_TOKENS = new Set([261, 262, 263, 264]);

function viaScan(text: string) {
  const source = new SourceText(text);
  const span = (t: { start: number; end: number }) => [source.byteToChar(t.start), source.byteToChar(t.end)];
  const tokens = scan(text).tokens;
  return {
    comments: tokens.filter((t) => t.tokenName.endsWith('_COMMENT')).map(span),
    literals: tokens.filter((t) => STRING_TOKENS.has(t.tokenType)).map(span),
  };
}

function viaLexer(text: string) {
  const lexed = lex(text);
  // 'a'<newline>'b' is one string to Postgres (and one token to scan); the lexer keeps its two parts.
  const literals: number[][] = [];
  for (const l of lexed.literals) {
    const last = literals[literals.length - 1];
    const gap = last ? text.slice(last[1], l.start) : '';
    if (last && l.kind === 'string' && text[l.start] === "'" && /^\s*\n\s*$/.test(gap)) last[1] = l.end;
    else literals.push([l.start, l.end]);
  }
  return { comments: lexed.comments.map((c) => [c.start, c.end]), literals };
}

const root = path.resolve(import.meta.dirname, '../..');
const files = fg.sync(['examples/**/*.sql', 'test/**/fixtures/**/*.sql', 'src/**/*.sql'], {
  cwd: root,
  ignore: ['**/node_modules/**'],
});

const SNIPPETS = [
  `select 'it''s', E'a\\'b', $$x$$, $tag$ $$ nested $$ $tag$, U&'d\\0061t', B'101', X'ff'; -- end`,
  `/* outer /* nested */ still comment */ select 1; -- trailing é 😀`,
  `select "quoted -- not a comment", 'a /* not */ b' /* real */;`,
  `create function f() returns int language plpgsql as $fn$ begin return 1; -- inside\nend $fn$;`,
  `select $1, $2::text, a$b from t; -- $ in identifiers and parameters`,
  `select 'é😀' as "ü", 1 -- multi-byte text before a comment`,
  `select 'a'\n  'b', e'x', n'y', u&'z', b'1'; -- continuation, lower-case prefixes, N'…' split as in scan.l`,
];

describe('the lexer agrees with libpg-query scan', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s', (file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    expect(viaLexer(text)).toEqual(viaScan(text));
  });

  it.each(SNIPPETS)('%s', (text) => {
    expect(viaLexer(text)).toEqual(viaScan(text));
  });
});
