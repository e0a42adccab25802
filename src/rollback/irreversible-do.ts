// What a DO block does besides the SQL statements parseSql already places in the file (`nested: true`): the
// PL/pgSQL statements that run SQL expressions (PERFORM, CALL, assignments, conditions, FOR … IN queries) and
// dynamic EXECUTE, read from libpg-query's PL/pgSQL tree. What kodo cannot read is said so, once, where it is.
import type { Node } from '@pgsql/types';
import { as, strings } from '../sql/ast.js';
import { type ParsedStatement, parseSql } from '../sql/parse.js';
import { readBody } from '../sql/plpgsql.js';
import type { SourceText } from '../sql/source.js';
import { importParser } from '../sql/wasm-setup.js';

export interface BodyFinding {
  line: number;
  /** The PL/pgSQL statement's text from its first token, as far as its expression reaches. */
  statement: string;
  reasons: string[];
}

export interface StatementRules {
  /** Reasons for a whole SQL statement (a PERFORM's SELECT, a CALL, a FOR loop's query, EXECUTE of a literal). */
  statement: (ast: Node) => string[];
  /** Reasons for the calls in an expression (an assignment, a condition): no statement of its own. */
  expression: (ast: Node) => string[];
}

export const UNREADABLE_DO = 'DO block: kodo cannot see what it changed; rows it wrote are not restored';
const DYNAMIC =
  'DO block runs dynamic SQL (EXECUTE): kodo cannot see what it changed; rows it wrote are not restored';

let plpgsql: Promise<(sql: string) => unknown> | undefined;

/**
 * Findings in the body of the DO statement `statement`; `nestedCount` is how many statements parseSql placed
 * after it. A body that is not PL/pgSQL, does not parse, or has SQL statements parseSql could not read is one
 * UNREADABLE_DO finding at the DO.
 */
export async function doBlockFindings(
  statement: ParsedStatement,
  source: SourceText,
  nestedCount: number,
  rules: StatementRules,
): Promise<BodyFinding[]> {
  const text = source.text.slice(statement.start, statement.end);
  const firstLine = source.position(statement.start).line;
  const unreadable = [{ line: firstLine, statement: text, reasons: [UNREADABLE_DO] }];
  const body = doBody(statement.ast);
  if (body === undefined) return [];
  if (body.language !== 'plpgsql') return unreadable;
  plpgsql ??= importParser().then((lib) => lib.parsePlPgSQLSync);
  const parse = await plpgsql;
  let tree: unknown;
  const reading = readBody(statement.ast, text, (sql) => {
    tree = parse(sql);
    return tree;
  });
  if (!reading || reading.error || tree === undefined) return unreadable;
  const { found, executed } = readTree(tree, rules);
  if (executed > nestedCount) return unreadable;
  return found.map((f) => ({
    line: firstLine + f.lineno - 1,
    statement: statementText(text, f.lineno, f.search),
    reasons: f.reasons,
  }));
}

/** The body and language of a DO statement, or undefined when the body is empty. */
function doBody(ast: Node): { language: string } | undefined {
  let language = 'plpgsql';
  let body = '';
  for (const option of as(ast, 'DoStmt')?.args ?? []) {
    const def = as(option, 'DefElem');
    if (def?.defname === 'language') language = as(def.arg, 'String')?.sval?.toLowerCase() ?? language;
    if (def?.defname === 'as')
      body = as(def.arg, 'String')?.sval ?? strings(as(def.arg, 'List')?.items)[0] ?? '';
  }
  return body.trim() === '' ? undefined : { language };
}

interface TreeFinding {
  lineno: number;
  /** Text to find from that line, where the statement's shown text ends. */
  search: string;
  reasons: string[];
}

interface Frame {
  value: unknown;
  stmt: string;
  lineno: number;
  key: string;
}

/** Every SQL expression in the tree, by the PL/pgSQL statement that holds it; `executed` counts SQL statements. */
function readTree(tree: unknown, rules: StatementRules): { found: TreeFinding[]; executed: number } {
  const found: TreeFinding[] = [];
  let executed = 0;
  // An explicit stack, not recursion: blocks can nest deeper than the call stack allows.
  const stack: Frame[] = [{ value: tree, stmt: '', lineno: 1, key: '' }];
  while (stack.length > 0) {
    const { value, stmt, lineno, key } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], stmt, lineno, key });
      continue;
    }
    const record = value as Record<string, unknown>;
    const expr = record['PLpgSQL_expr'] as { query?: string; parseMode?: number } | undefined;
    if (expr?.query !== undefined) {
      if (stmt === 'PLpgSQL_stmt_execsql') executed++;
      else {
        const finding = readExpression(expr.query, expr.parseMode ?? 0, stmt, key, rules);
        if (finding) found.push({ lineno, ...finding });
      }
      continue;
    }
    // Statements and declared variables carry their line; what is under them is on it.
    const here = typeof record['lineno'] === 'number' ? record['lineno'] : lineno;
    const children = Object.entries(record);
    for (let i = children.length - 1; i >= 0; i--) {
      const [childKey, child] = children[i]!;
      if (childKey.startsWith('PLpgSQL_stmt_'))
        stack.push({ value: child, stmt: childKey, lineno: here, key: '' });
      else stack.push({ value: child, stmt, lineno: here, key: childKey });
    }
  }
  return { found, executed };
}

/** Dynamic queries: `EXECUTE q`, `FOR r IN EXECUTE q`, `OPEN c FOR EXECUTE q`, `RETURN QUERY EXECUTE q`. */
function isDynamic(stmt: string, key: string): boolean {
  return (
    key === 'dynquery' ||
    (key === 'query' && (stmt === 'PLpgSQL_stmt_dynexecute' || stmt === 'PLpgSQL_stmt_dynfors'))
  );
}

function readExpression(
  query: string,
  parseMode: number,
  stmt: string,
  key: string,
  rules: StatementRules,
): Omit<TreeFinding, 'lineno'> | undefined {
  if (isDynamic(stmt, key)) {
    const literal = as(firstTarget(`SELECT ${query}`), 'A_Const')?.sval?.sval;
    if (literal === undefined) return { search: query, reasons: [DYNAMIC] };
    const parsed = parseSql(literal);
    if (parsed.errors.length > 0) return { search: query, reasons: [DYNAMIC] };
    return result(
      query,
      parsed.statements.flatMap((s) => rules.statement(s.ast)),
    );
  }
  // parseMode 0 is a whole statement (PERFORM's `SELECT …`, CALL, a FOR loop's query); 3 an assignment
  // `target := expr`; the others an expression.
  if (parseMode === 0) {
    const parsed = parseSql(query);
    const search = stmt === 'PLpgSQL_stmt_perform' ? query.replace(/^SELECT /, '') : query;
    return result(
      search,
      parsed.statements.flatMap((s) => rules.statement(s.ast)),
    );
  }
  // An assignment runs its expression as `SELECT expr INTO target` would: a function there ran. A condition, a
  // RAISE or RETURN argument is read for its side-effect calls and sequences only (mostly predicates).
  if (parseMode === 3) {
    const select = parseSql(`SELECT ${query.replace(/^[^:=]*:?=/, '')}`).statements[0]?.ast;
    return select ? result(query, rules.statement(select)) : undefined;
  }
  const target = firstTarget(`SELECT ${query}`);
  return target ? result(query, rules.expression(target)) : undefined;
}

function result(search: string, reasons: string[]): Omit<TreeFinding, 'lineno'> | undefined {
  return reasons.length > 0 ? { search, reasons } : undefined;
}

function firstTarget(sql: string): Node | undefined {
  const select = as(parseSql(sql).statements[0]?.ast, 'SelectStmt');
  return as(select?.targetList?.[0], 'ResTarget')?.val;
}

/** From the first token on PL/pgSQL line `lineno` of `text` to the end of `search`, or that line alone. */
function statementText(text: string, lineno: number, search: string): string {
  let from = 0;
  for (let i = 1; i < lineno && from >= 0; i++) from = text.indexOf('\n', from) + 1 || -1;
  if (from < 0) return '';
  const lineEnd = text.indexOf('\n', from);
  const at = text.indexOf(search, from);
  const end = at >= 0 ? at + search.length : lineEnd < 0 ? text.length : lineEnd;
  return text.slice(from, end).trim();
}
