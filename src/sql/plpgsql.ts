// PL/pgSQL bodies through libpg-query's own PL/pgSQL parser: the syntax errors Postgres would raise when the
// migration creates the function (check_function_bodies is on by default), and the SQL statements a DO block
// runs, located in the file so that the model and the rules can see them.
import type { Node } from '@pgsql/types';
import { as, strings } from './ast.js';
import { flattenNestedComments } from './lexer.js';

/** A SQL statement found in a DO block body, by char offsets in the text given to `readBody`. */
export interface BodyStatement {
  start: number;
  end: number;
  /**
   * The SQL to parse: the text at start…end, except that PL/pgSQL blanks out an `INTO target` clause with
   * spaces (same length), which as plain SQL would mean SELECT INTO a new table.
   */
  sql: string;
}

export interface BodyReading {
  /** The statements a DO block executes (empty for functions: their bodies run only when called). */
  statements: BodyStatement[];
  /** A PL/pgSQL syntax error, at the char offset of the token it names (else the body's start). */
  error?: { message: string; offset: number };
}

type ParsePlPgSql = (sql: string) => unknown;

/**
 * Reads the body of a `CREATE FUNCTION … LANGUAGE plpgsql` or `DO` statement, or returns undefined when the
 * statement has none (another language, or a body kodo cannot locate in the text). `text` is the statement's own
 * text; offsets in the result are relative to it.
 */
export function readBody(ast: Node, statementText: string, parse: ParsePlPgSql): BodyReading | undefined {
  const written = plpgsqlBody(ast);
  if (written === undefined) return undefined;
  // The body is a verbatim substring when dollar-quoted; a '…'-quoted body with doubled quotes is not, and then
  // neither errors nor statements could be placed.
  const bodyStart = statementText.indexOf(written);
  if (bodyStart < 0) return undefined;
  // The PL/pgSQL parser scans comments as the SQL one does: nested ones are flattened (same offsets) first.
  const body = flattenNestedComments(written);
  const text =
    body === written
      ? statementText
      : statementText.slice(0, bodyStart) + body + statementText.slice(bodyStart + body.length);
  let tree: unknown;
  try {
    tree = parse(text);
  } catch (e) {
    const message = (e as Error).message;
    // Only syntax errors: libpg-query compiles a body without the catalog, so a semantic complaint (an unknown
    // variable that is really a column or a parameter it cannot see) could be noise.
    if (!/^syntax error/.test(message)) return { statements: [] };
    return { statements: [], error: { message, offset: bodyStart + tokenOffset(body, message) } };
  }
  if (!as(ast, 'DoStmt')) return { statements: [] };
  return { statements: locate(executedQueries(tree), body, bodyStart) };
}

/** The body text when the statement is PL/pgSQL: a DO block (default language) or a plpgsql function. */
function plpgsqlBody(ast: Node): string | undefined {
  const options = as(ast, 'DoStmt')?.args ?? as(ast, 'CreateFunctionStmt')?.options;
  if (!options) return undefined;
  let language = as(ast, 'DoStmt') ? 'plpgsql' : undefined;
  let body: string | undefined;
  for (const option of options) {
    const def = as(option, 'DefElem');
    if (!def) continue;
    if (def.defname === 'language') language = as(def.arg, 'String')?.sval?.toLowerCase();
    if (def.defname === 'as') {
      const list = as(def.arg, 'List')?.items;
      body = list ? strings(list)[0] : as(def.arg, 'String')?.sval;
    }
  }
  return language === 'plpgsql' && body !== undefined && body.trim() !== '' ? body : undefined;
}

/**
 * Where `syntax error at or near "tok"` points. The PL/pgSQL parser gives no position, so the token is looked up
 * in the body: when it occurs once, that is the place; otherwise (a `;`, an `end`) the body's start is the honest
 * answer.
 */
function tokenOffset(body: string, message: string): number {
  const token = /at or near "((?:[^"]|"")*)"/.exec(message)?.[1]?.replace(/""/g, '"');
  if (!token) return 0;
  const at = body.indexOf(token);
  return at >= 0 && body.indexOf(token, at + 1) < 0 ? at : 0;
}

/**
 * The SQL of every `PLpgSQL_stmt_execsql`, in the order they appear in the body. An explicit stack, not recursion:
 * blocks nested a few thousand deep (generated code, or a hostile file) would overflow the call stack.
 */
function executedQueries(tree: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    // Children are pushed last-first so that they pop in document order.
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    const record = value as Record<string, unknown>;
    const exec = record['PLpgSQL_stmt_execsql'] as
      | { sqlstmt?: { PLpgSQL_expr?: { query?: string } } }
      | undefined;
    const query = exec?.sqlstmt?.PLpgSQL_expr?.query;
    if (query) out.push(query);
    const children = Object.values(record);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/**
 * Places each query in the body: PL/pgSQL keeps a statement's SQL as written (but for a blanked `INTO`), so it
 * is found by searching forward from the previous one. A query not found is skipped rather than placed wrongly.
 */
function locate(queries: string[], body: string, bodyStart: number): BodyStatement[] {
  const out: BodyStatement[] = [];
  let from = 0;
  for (const query of queries) {
    const at = find(body, query, from);
    if (at < 0) continue;
    out.push({ start: bodyStart + at, end: bodyStart + at + query.length, sql: query });
    from = at + query.length;
  }
  return out;
}

/** Where `query` is in `body` from `from`; spaces of a blanked `INTO target` match whatever was there. */
function find(body: string, query: string, from: number): number {
  const exact = body.indexOf(query, from);
  if (exact >= 0) return exact;
  const blank = query.indexOf('  ');
  if (blank <= 0) return -1;
  const head = query.slice(0, blank);
  for (let at = body.indexOf(head, from); at >= 0; at = body.indexOf(head, at + 1)) {
    if (at + query.length > body.length) return -1;
    let i = blank;
    while (i < query.length && (query.charCodeAt(i) === 32 || query[i] === body[at + i])) i++;
    if (i === query.length) return at;
  }
  return -1;
}
