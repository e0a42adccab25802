// One row of any table, made from the catalog: the caller pins some columns (an owner id, an org), the generator
// links the foreign keys (finding or making parent rows), writes a value into every NOT NULL column without a
// default, and inserts. Postgres is the judge: each try runs in a savepoint, and a refusal names what to repair
// (a check's facts give new values, a duplicate key a fresh key, a NULL a value), until the row goes in or the
// tries run out, then a RowError with Postgres's own reason.
import type { TableInfo } from '../../catalog/types.js';
import type { Queryable } from '../../db/database.js';
import { toDatabaseError } from '../../db/errors.js';
import { loadCheckParser, readCheck } from './check-facts.js';
import { type RowContext, tableKey } from './context.js';
import { Draft, splitReturned, type TextValues } from './draft.js';
import { RowError } from './errors.js';
import {
  type Chain,
  type Env,
  type Inserted,
  type InsertOptions,
  linkParent,
  linkParents,
} from './parents.js';
import { type Assignment, repairs } from './repairs.js';
import { toText } from './values.js';

export interface InsertedRow {
  ctid: string;
  row: Record<string, unknown>;
}

/**
 * Inserts one row of `table` with `pins` (JS values or Postgres text, by column) and returns it. Parent rows it
 * needed stay in the transaction too: run it inside one the caller rolls back.
 */
export async function insertRow(
  tx: Queryable,
  table: TableInfo,
  pins: Record<string, unknown>,
  ctx: RowContext,
): Promise<InsertedRow> {
  await loadCheckParser();
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const text: TextValues = {};
  const inherited: Chain['inherited'] = new Map();
  for (const [name, value] of Object.entries(pins)) {
    const column = byName.get(name);
    text[name] = toText(value, column);
    if (column && text[name] !== null) inherited.set(name, { text: text[name]!, type: column.type });
  }
  const { ctid, row } = await insert(
    tx,
    ctx,
    table,
    text,
    { depth: 0, path: [], inherited },
    { text: [], reuse: false },
  );
  return { ctid, row };
}

async function insert(
  tx: Queryable,
  ctx: RowContext,
  table: TableInfo,
  pins: TextValues,
  chain: Chain,
  options: InsertOptions,
): Promise<Inserted> {
  if (!ctx.tables.has(tableKey(table))) ctx.tables.set(tableKey(table), table);
  const env: Env = { tx, ctx, chain, insert: (t, p, c, o) => insert(tx, ctx, t, p, c, o) };
  if (options.reuse) {
    const existing = await existingByKey(tx, table, pins, options.text);
    if (existing) return existing;
  }
  const draft = new Draft(table, pins);
  await linkParents(env, draft);
  fillRequired(draft, ctx);
  const tried = new Map<string, Assignment[]>();
  let last = '';
  for (let attempt = 0; attempt < ctx.maxAttempts; attempt++) {
    const { sql, params } = draft.insert(options.text);
    const outcome = await attemptInsert(tx, sql, params);
    if ('row' in outcome) return splitReturned(outcome.row, options.text);
    last = outcome.message;
    const repaired = await repair(env, draft, outcome, tried, options);
    if (repaired && typeof repaired === 'object') return repaired;
    if (!repaired) break;
  }
  throw new RowError(`${draft.key}: kodo could not make a row that Postgres accepts (${last})`);
}

/** Every NOT NULL column with no default and no value yet gets one (identity and generated columns fill themselves). */
function fillRequired(draft: Draft, ctx: RowContext): void {
  for (const column of draft.changeable()) {
    if (draft.values.has(column.name) || !column.notNull || column.default !== null || column.identity !== '')
      continue;
    draft.generate(column, ctx.random);
  }
}

type Refusal = { sqlstate: string | undefined; message: string; detail: string | undefined };

async function attemptInsert(
  tx: Queryable,
  sql: string,
  params: Array<string | null>,
): Promise<{ row: Record<string, unknown> } | Refusal> {
  await tx.exec('savepoint kodo_row');
  try {
    const { rows } = await tx.query<Record<string, unknown>>(sql, params);
    await tx.exec('release savepoint kodo_row');
    return { row: rows[0]! };
  } catch (e) {
    await tx.exec('rollback to savepoint kodo_row; release savepoint kodo_row');
    const error = toDatabaseError(e);
    return { sqlstate: error.sqlstate, message: error.message, detail: error.detail };
  }
}

/** The name Postgres quotes in a constraint or column error (`… constraint "todos_title_check"`). */
const quoted = (message: string, word: 'constraint' | 'column'): string | undefined =>
  new RegExp(`${word} "((?:[^"]|"")+)"`).exec(message)?.[1]?.replaceAll('""', '"');

/**
 * Changes the draft after a refusal: true to try again, false when nothing more can be done, or the existing row
 * when a parent's pinned key was already taken (that row is the parent).
 */
async function repair(
  env: Env,
  draft: Draft,
  refusal: Refusal,
  tried: Map<string, Assignment[]>,
  options: InsertOptions,
): Promise<boolean | Inserted> {
  const { random } = env.ctx;
  switch (refusal.sqlstate) {
    case '23505': {
      const constraint = quoted(refusal.message, 'constraint');
      const key = keyColumns(draft.table, constraint);
      const free = key.filter((c) => !draft.pinned.has(c) && !draft.column(c)?.generated);
      if (free.length === 0) {
        if (options.reuse)
          return (
            (await existingByKey(env.tx, draft.table, Object.fromEntries(draft.values), options.text)) ??
            false
          );
        return false;
      }
      for (const c of free) draft.generate(draft.column(c)!, random, 'key');
      return true;
    }
    case '23502': {
      const column = draft.column(quoted(refusal.message, 'column') ?? '');
      if (!column || draft.pinned.has(column.name) || column.generated) return false;
      const fk = draft.table.foreignKeys.find((f) => f.columns.includes(column.name));
      if (fk) await linkParent(env, draft, fk, true);
      else draft.generate(column, random);
      return draft.values.get(column.name) != null;
    }
    case '23503': {
      const fk = draft.table.foreignKeys.find((f) => f.name === quoted(refusal.message, 'constraint'));
      if (!fk) return false;
      for (const c of fk.columns) if (!draft.pinned.has(c)) draft.values.delete(c);
      await linkParent(env, draft, fk, true);
      return true;
    }
    case '23514':
      return repairCheck(draft, quoted(refusal.message, 'constraint'), tried, random);
    case '22001':
    case '22003':
    case '22P02':
    case '22007':
    case '22008': {
      // A value the type refused (too long, out of range): a fresh one for every unpinned column we wrote.
      const written = draft
        .changeable()
        .filter((c) => draft.values.has(c.name) && draft.values.get(c.name) !== null);
      for (const c of written) draft.generate(c, random, 'plain');
      return written.length > 0;
    }
    default:
      return false;
  }
}

/** The columns of the unique constraint or index Postgres named (its name is the index's), else every key. */
function keyColumns(table: TableInfo, constraint: string | undefined): string[] {
  if (constraint === `${table.name}_pkey` || !constraint)
    return [...table.primaryKey, ...table.uniques.flat()];
  const match = table.uniques.find((u) => constraint === `${table.name}_${u.join('_')}_key`);
  return match ?? [...table.primaryKey, ...table.uniques.flat()];
}

/** The next untried repair of a check constraint, applied to the draft's changeable columns. */
function repairCheck(
  draft: Draft,
  name: string | undefined,
  tried: Map<string, Assignment[]>,
  random: RowContext['random'],
): boolean {
  const check = draft.table.checks.find((c) => c.name === name);
  if (!check) return false;
  let queue = tried.get(check.name);
  if (!queue) {
    queue = repairs(readCheck(check.definition), check.columns, draft.changeable(), random);
    tried.set(check.name, queue);
  }
  const next = queue.shift();
  if (!next) return false;
  for (const [column, value] of Object.entries(next)) {
    if (!draft.pinned.has(column)) draft.values.set(column, value);
  }
  return true;
}

/** A row whose pinned values cover a whole primary or unique key: that row, as a parent is reused. */
async function existingByKey(
  tx: Queryable,
  table: TableInfo,
  pins: TextValues,
  text: string[],
): Promise<Inserted | undefined> {
  const keys = [table.primaryKey, ...table.uniques].filter((k) => k.length > 0);
  const key = keys.find((k) => k.every((c) => pins[c] !== undefined && pins[c] !== null));
  if (!key) return undefined;
  const { sql, params } = new Draft(table, {}).select(
    key,
    key.map((c) => pins[c]!),
    text,
  );
  const row = (await tx.query<Record<string, unknown>>(sql, params)).rows[0];
  return row ? splitReturned(row, text) : undefined;
}
