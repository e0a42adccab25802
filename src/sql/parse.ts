// The Postgres parser (libpg-query, WASM) behind one function: SQL text in, statements with char offsets,
// comments, literal spans and syntax errors out. After a syntax error the other statements are still parsed.
import type { Node, ParseResult } from '@pgsql/types';
import { kindOf, type NodeKind } from './ast.js';
import { flattenNestedComments, type Lexed, lex } from './lexer.js';
import { readBody } from './plpgsql.js';
import { SourceText } from './source.js';
import { importParser } from './wasm-setup.js';

export interface ParsedStatement {
  ast: Node;
  kind: NodeKind;
  /** Char offset of the statement's first token. */
  start: number;
  /** Char offset just past its last token (before the `;`). */
  end: number;
  /** Byte offset that the AST's `location` values are relative to (0 unless recovered after an error). */
  byteBase: number;
  /** Run by the DO block just before it (found in its body), not a statement of the file itself. */
  nested?: boolean;
}

export interface SqlSyntaxError {
  /** Postgres's message, e.g. `syntax error at or near "tabl"`. */
  message: string;
  /** Char offset the error points at. */
  offset: number;
  /** Found by the PL/pgSQL parser in a function or DO body. */
  inBody?: boolean;
  /** Not a syntax error: the statement nests too deeply for the parser, which could not read it. */
  tooDeep?: boolean;
}

export interface ParsedSql {
  source: SourceText;
  lexed: Lexed;
  statements: ParsedStatement[];
  errors: SqlSyntaxError[];
}

let loaded: Promise<void> | undefined;
const notLoaded = () => {
  throw new Error('The SQL parser is not loaded; await loadParser() first.');
};
let parseSync: (sql: string) => unknown = notLoaded;
let parsePlPgSqlSync: (sql: string) => unknown = notLoaded;

/** Loads the WASM parser once per process; every entry point awaits this before `parseSql`. */
export function loadParser(): Promise<void> {
  loaded ??= importParser().then((lib) => {
    parseSync = lib.parseSync;
    parsePlPgSqlSync = lib.parsePlPgSQLSync;
  });
  return loaded;
}

const TOO_DEEP =
  'statement nests too deeply for kodo\'s parser to read, so no rule checked it; Postgres may still run it, or stop it with "stack depth limit exceeded"';

const TOO_LARGE =
  "statement is too large for kodo's parser, which ran out of memory, so no rule checked it; split it into smaller statements";

interface PgError {
  message: string;
  cursor: number;
  tooDeep?: true;
}

function tryParse(text: string): { result: ParseResult } | { error: PgError } {
  try {
    return { result: parseSync(text) as ParseResult };
  } catch (e) {
    // The WASM parser recurses once per level and runs out of stack on a statement nested some thousands deep,
    // which Postgres itself may still take: not a syntax error, but a statement kodo could not check.
    if (e instanceof RangeError) return { error: { message: TOO_DEEP, cursor: 0, tooDeep: true } };
    // The parser's WASM memory ran out (millions of terms in one statement): not a syntax error either.
    if (/Program terminated|out of memory/i.test((e as Error).message ?? ''))
      return { error: { message: TOO_LARGE, cursor: 0, tooDeep: true } };
    const details = (e as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    return { error: { message: (e as Error).message, cursor: details?.cursorPosition ?? 0 } };
  }
}

/**
 * Parsed texts kept for the life of the process, up to a total size: the MCP server lints the same folder call
 * after call, and all but the file being written are unchanged. A parse result is never modified after it is
 * made, so one can serve many runs.
 */
const memo = new Map<string, ParsedSql>();
const MEMO_CHARS = 64 * 1024 * 1024;
let memoChars = 0;

/** Parses one file's text. Call `await loadParser()` first. A BOM is read as a space (same offsets). */
export function parseSql(input: string): ParsedSql {
  const known = memo.get(input);
  if (known) return known;
  const parsed = parseText(input);
  if (memoChars + input.length > MEMO_CHARS) {
    memo.clear();
    memoChars = 0;
  }
  memo.set(input, parsed);
  memoChars += input.length;
  return parsed;
}

function parseText(input: string): ParsedSql {
  const bom = input.charCodeAt(0) === 0xfeff;
  const text = bom ? ` ${input.slice(1)}` : input;
  const source = new SourceText(text, bom);
  const lexed = lex(text);
  const trivia = new Trivia(text, lexed);
  const out: ParsedSql = { source, lexed, statements: [], errors: [] };
  if (text.trim() === '') return out;
  // What the parser reads: the same text, offsets and all, with nested comments flattened (see the function).
  const parserText = flattenNestedComments(text, lexed.comments);
  const whole = tryParse(parserText);
  if ('result' in whole) {
    collect(whole.result, 0, text.length, source, trivia, out);
    return out;
  }
  const first: SqlSyntaxError = {
    message: whole.error.message,
    offset: source.codePointToChar(whole.error.cursor),
    ...(whole.error.tooDeep ? { tooDeep: true } : {}),
  };
  recover(parserText, source, lexed, trivia, first, out);
  return out;
}

function collect(
  result: ParseResult,
  byteBase: number,
  endChar: number,
  source: SourceText,
  trivia: Trivia,
  out: ParsedSql,
  nested = false,
): void {
  for (const raw of result.stmts ?? []) {
    if (!raw.stmt) continue;
    const loc = byteBase + (raw.stmt_location ?? 0);
    const start = trivia.skipForward(source.byteToChar(loc), endChar);
    const end = raw.stmt_len ? source.byteToChar(loc + raw.stmt_len) : endChar;
    const statement: ParsedStatement = {
      ast: raw.stmt,
      kind: kindOf(raw.stmt),
      start,
      end: Math.max(start, trivia.skipBackward(end, start)),
      byteBase,
    };
    if (nested) statement.nested = true;
    out.statements.push(statement);
    if (!nested && (statement.kind === 'DoStmt' || statement.kind === 'CreateFunctionStmt'))
      readPlpgsql(statement, source, trivia, out);
  }
}

/** A PL/pgSQL body's syntax error, and the statements a DO block runs, right after the DO statement. */
function readPlpgsql(statement: ParsedStatement, source: SourceText, trivia: Trivia, out: ParsedSql): void {
  const { start, end } = statement;
  const reading = readBody(statement.ast, source.text.slice(start, end), parsePlPgSqlSync);
  if (!reading) return;
  if (reading.error)
    out.errors.push({ message: reading.error.message, offset: start + reading.error.offset, inBody: true });
  for (const inner of reading.statements) {
    const attempt = tryParse(inner.sql);
    if ('result' in attempt) {
      const byteBase = source.charToByte(start + inner.start);
      collect(attempt.result, byteBase, start + inner.end, source, trivia, out, true);
    }
  }
}

/**
 * After a syntax error: parse each `;`-separated chunk alone. A chunk that fails "at end of input" may have
 * been cut inside a `BEGIN ATOMIC … END` body, so it is retried joined with the chunks after it.
 */
function recover(
  text: string,
  source: SourceText,
  lexed: Lexed,
  trivia: Trivia,
  first: SqlSyntaxError,
  out: ParsedSql,
): void {
  const cuts = [...lexed.semicolons, text.length];
  // Counted apart from PL/pgSQL body errors, which `collect` may add on the way.
  let sqlErrors = 0;
  let from = 0;
  let byteFrom = 0;
  for (let i = 0; i < cuts.length; i++) {
    const start = from;
    let end = cuts[i]!;
    const byteStart = byteFrom;
    if (trivia.skipForward(start, end) >= end) {
      byteFrom += Buffer.byteLength(text.slice(start, end + 1), 'utf8');
      from = end + 1;
      continue;
    }
    let attempt = tryParse(text.slice(start, end));
    let j = i;
    while (
      'error' in attempt &&
      /at end of input/.test(attempt.error.message) &&
      j + 1 < cuts.length &&
      j - i < 50
    ) {
      const joined = tryParse(text.slice(start, cuts[j + 1]!));
      if ('result' in joined) {
        attempt = joined;
        j++;
        end = cuts[j]!;
        break;
      }
      if (!/at end of input/.test(joined.error.message)) break;
      j++;
    }
    if ('result' in attempt) {
      i = j;
      collect(attempt.result, byteStart, end, source, trivia, out);
    } else if (first.offset >= start && first.offset <= end) {
      out.errors.push(first);
      sqlErrors++;
    } else {
      const local = new SourceText(text.slice(start, end));
      out.errors.push({
        message: attempt.error.message,
        offset: start + local.codePointToChar(attempt.error.cursor),
        ...(attempt.error.tooDeep ? { tooDeep: true } : {}),
      });
      sqlErrors++;
    }
    byteFrom = byteStart + Buffer.byteLength(text.slice(start, end + 1), 'utf8');
    from = end + 1;
  }
  if (sqlErrors === 0) out.errors.push(first);
}

/** Skips whitespace and comments, which the parser counts as part of a statement's range. */
class Trivia {
  private readonly text: string;
  private readonly byStart = new Map<number, number>();
  private readonly byEnd = new Map<number, number>();

  constructor(text: string, lexed: Lexed) {
    this.text = text;
    for (const c of lexed.comments) {
      this.byStart.set(c.start, c.end);
      this.byEnd.set(c.end, c.start);
    }
  }

  skipForward(from: number, limit: number): number {
    let i = from;
    while (i < limit) {
      const code = this.text.charCodeAt(i);
      if (code === 32 || (code >= 9 && code <= 13) || code === 0xfeff) i++;
      else if (this.byStart.has(i)) i = this.byStart.get(i)!;
      else break;
    }
    return Math.min(i, limit);
  }

  skipBackward(from: number, limit: number): number {
    let i = from;
    while (i > limit) {
      const code = this.text.charCodeAt(i - 1);
      if (code === 32 || (code >= 9 && code <= 13)) i--;
      else if (this.byEnd.has(i)) i = this.byEnd.get(i)!;
      else break;
    }
    return i;
  }
}
