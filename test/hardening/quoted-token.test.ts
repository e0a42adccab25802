// An unterminated quote, dollar quote, identifier or comment makes Postgres quote "the token" from there to the end
// of the file. kodo's messages name the token, never print the file: 40 characters of its first line at most.
import { describe, expect, it } from 'vitest';
import { runKodoJson } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const SECRET = 'the-rest-of-this-file-is-private';
const REST = `\n-- ${SECRET}\n${'select 1;\n'.repeat(50)}`;

const CASES: Array<[name: string, sql: string, message: string]> = [
  [
    'dollar',
    `create function f() returns int language sql as $$ select 1;${REST}`,
    'Unterminated dollar-quoted string at or near "$$ select 1;…".',
  ],
  ['string', `select 'abc;${REST}`, `Unterminated quoted string at or near "'abc;…".`],
  ['identifier', `select "abc;${REST}`, 'Unterminated quoted identifier at or near ""abc;…".'],
  ['comment', `select 1; /* abc${REST}`, 'Unterminated /* comment at or near "/* abc…".'],
];

describe('messages quote a token, never the rest of a file', () => {
  it.each(CASES)('an unterminated %s: lint and check', async (_name, sql, message) => {
    const root = await makeFiles({ 'supabase/migrations/00001_broken.sql': sql });
    const lint = await runKodoJson<{ findings: Array<{ rule: string; message: string }> }>([
      'lint',
      '--cwd',
      root,
    ]);
    expect(lint.json.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([`syntax-error: ${message}`]);
    const check = await runKodoJson<{ failure: { message: string } }>(['check', '--cwd', root]);
    // Postgres's own message, with the same short token.
    expect(check.json.failure.message).toBe(message.charAt(0).toLowerCase() + message.slice(1, -1));
    for (const out of [JSON.stringify(lint.json), lint.stderr, JSON.stringify(check.json), check.stderr])
      expect(out).not.toContain(SECRET);
  });
});
