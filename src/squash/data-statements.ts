// The statements of one migration that change rows or have side effects: what a squash must keep after the
// schema dump, which carries every object but no row, no cron job, no secret and no sequence position.

import type { LoadedMigration } from '../migrations/read.js';
import { as, display, kindOf, type Node, type NodeKind, rangeVarName, strings, walk } from '../sql/ast.js';
import { isBuiltinCall } from '../sql/builtins.js';
import { loadParser, type ParsedStatement, parseSql } from '../sql/parse.js';
import { importParser } from '../sql/wasm-setup.js';

export type DataKind = 'insert' | 'update' | 'delete' | 'merge' | 'truncate' | 'copy' | 'call' | 'do';

export interface DataStatement {
  version: string;
  /** The migration's path relative to the project root. */
  file: string;
  /** 1-based line of the statement's first token in the file. */
  line: number;
  /** The statement as the Supabase CLI splits and runs it (no trailing `;`). */
  sql: string;
  kind: DataKind;
  /** Tables written (`public.t`), or for `call` the functions called (`cron.schedule`). */
  targets: string[];
}

interface Effect {
  kind: DataKind;
  targets: string[];
}

const DML: Partial<Record<NodeKind, DataKind>> = {
  InsertStmt: 'insert',
  UpdateStmt: 'update',
  DeleteStmt: 'delete',
  MergeStmt: 'merge',
  TruncateStmt: 'truncate',
  CopyStmt: 'copy',
};

/**
 * Statements a DO block may run without being DDL: they change rows, call functions or only touch the session.
 * Any other statement in the block (CREATE, ALTER, GRANT, …) makes it schema work, which the dump already holds.
 */
const NOT_DDL: ReadonlySet<NodeKind> = new Set<NodeKind>([
  ...(Object.keys(DML) as NodeKind[]),
  'SelectStmt',
  'CallStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'NotifyStmt',
  'LockStmt',
]);

/** pg_catalog functions that move a sequence: a squash must keep where sequences stand. */
const SEQUENCE_CALLS: ReadonlySet<string> = new Set(['setval', 'nextval']);

/** The data statements of `m`, in file order, verbatim. */
export async function dataStatements(m: LoadedMigration): Promise<DataStatement[]> {
  await loadParser();
  const out: DataStatement[] = [];
  let lineAt = 0;
  let line = 1;
  for (const split of m.statements) {
    const parsed = parseSql(split.sql);
    const top = parsed.statements.find((s) => !s.nested);
    if (!top) continue;
    const effect = await effectOf(top, parsed.statements, split.sql);
    if (!effect) continue;
    // Lines counted incrementally: statements come in file order.
    const at = split.offset + top.start;
    for (let i = m.text.indexOf('\n', lineAt); i >= 0 && i < at; i = m.text.indexOf('\n', i + 1)) line++;
    lineAt = at;
    out.push({ version: m.version, file: m.file, line, sql: split.sql, ...effect });
  }
  return out;
}

async function effectOf(
  top: ParsedStatement,
  all: ParsedStatement[],
  text: string,
): Promise<Effect | undefined> {
  if (top.kind !== 'DoStmt') return statementEffect(top.ast);
  const nested = all.filter((s) => s.nested);
  if (nested.some((s) => !NOT_DDL.has(s.kind) || as(s.ast, 'SelectStmt')?.intoClause)) return undefined;
  const effects = [...nested.map((s) => statementEffect(s.ast)), ...(await performEffects(text))];
  const targets = unique(effects.flatMap((e) => e?.targets ?? []));
  return effects.some(Boolean) ? { kind: 'do', targets } : undefined;
}

/** What one (non-DO) statement changes, or undefined when it changes no row and calls nothing with effects. */
function statementEffect(ast: Node): Effect | undefined {
  const cteTargets = dmlCtes(ast);
  const kind = DML[kindOf(ast)];
  if (kind) {
    const copy = as(ast, 'CopyStmt');
    // COPY … FROM STDIN needs data the CLI never sends with a migration; COPY … TO writes no table.
    if (copy && (!copy.is_from || (!copy.filename && !copy.is_program))) return undefined;
    return { kind, targets: unique([...writtenTables(ast), ...cteTargets.targets]) };
  }
  if (cteTargets.kind) return { kind: cteTargets.kind, targets: unique(cteTargets.targets) };
  const call = as(ast, 'CallStmt');
  if (call) return { kind: 'call', targets: [functionName(call.funccall?.funcname)] };
  const select = as(ast, 'SelectStmt');
  if (!select || select.intoClause) return undefined;
  const called = sideEffectCalls(ast);
  return called.length > 0 ? { kind: 'call', targets: called } : undefined;
}

/** The tables an INSERT, UPDATE, DELETE, MERGE, TRUNCATE or COPY FROM writes. */
function writtenTables(ast: Node): string[] {
  const truncate = as(ast, 'TruncateStmt');
  if (truncate)
    return (truncate.relations ?? []).map((r) => display(rangeVarName(as(r, 'RangeVar'), 'public')));
  const payload = (ast as Record<string, { relation?: Parameters<typeof rangeVarName>[0] }>)[kindOf(ast)];
  return payload?.relation ? [display(rangeVarName(payload.relation, 'public'))] : [];
}

/** `WITH x AS (INSERT …)`: the kind of the first data-modifying CTE and the tables all of them write. */
function dmlCtes(ast: Node): { kind?: DataKind; targets: string[] } {
  const payload = (ast as Record<string, { withClause?: { ctes?: Node[] } }>)[kindOf(ast)];
  let kind: DataKind | undefined;
  const targets: string[] = [];
  for (const cte of payload?.withClause?.ctes ?? []) {
    const query = as(cte, 'CommonTableExpr')?.ctequery;
    const effect = query ? statementEffect(query) : undefined;
    if (!effect || effect.kind === 'call') continue;
    kind ??= effect.kind;
    targets.push(...effect.targets);
  }
  return kind ? { kind, targets } : { targets };
}

/** Functions a SELECT calls that may change something: outside pg_catalog, or a sequence's setval/nextval. */
function sideEffectCalls(ast: Node): string[] {
  const out: string[] = [];
  walk(ast, (kind, payload) => {
    if (kind !== 'FuncCall') return;
    const parts = strings((payload as { funcname?: Node[] }).funcname);
    const name = parts[parts.length - 1] ?? '';
    const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
    if (SEQUENCE_CALLS.has(name) && (schema === undefined || schema === 'pg_catalog'))
      out.push(`pg_catalog.${name}`);
    else if (!isBuiltinCall(schema, name)) out.push(display({ schema: schema ?? 'public', name }));
  });
  return unique(out);
}

function functionName(list: Node[] | undefined): string {
  const parts = strings(list);
  return display({
    schema: parts.length > 1 ? parts[parts.length - 2]! : 'public',
    name: parts.at(-1) ?? '',
  });
}

let plpgsql: Promise<(sql: string) => unknown> | undefined;

/**
 * PERFORM statements of a DO block, which parseSql does not return (it gives the block's plain SQL statements):
 * `perform cron.schedule(…)` is how many migrations call a function inside a block.
 */
async function performEffects(doText: string): Promise<Effect[]> {
  plpgsql ??= importParser().then((lib) => lib.parsePlPgSQLSync);
  let tree: unknown;
  try {
    tree = (await plpgsql)(doText);
  } catch {
    return [];
  }
  const out: Effect[] = [];
  walkPerforms(tree, (query) => {
    const parsed = parseSql(query).statements[0];
    const effect = parsed ? statementEffect(parsed.ast) : undefined;
    if (effect) out.push(effect);
  });
  return out;
}

function walkPerforms(tree: unknown, found: (query: string) => void): void {
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    const perform = (value as { PLpgSQL_stmt_perform?: { expr?: { PLpgSQL_expr?: { query?: string } } } })
      .PLpgSQL_stmt_perform;
    const query = perform?.expr?.PLpgSQL_expr?.query;
    if (query) found(query);
    // Pushed last-first so that they pop in document order.
    const children = Array.isArray(value) ? value : Object.values(value);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
