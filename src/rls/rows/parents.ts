// Foreign keys: a pinned key's parent must exist (found, or made with those values); a NOT NULL key nobody
// pinned gets a new parent row, made the same way and recursively. Parents inherit the caller's pins by column
// name (a project made for a task pinned to org A belongs to org A too), so a row and its parents stay in one
// owner's world. Rows in auth.* are never made: only found (the caller creates users).
import type { ForeignKey, TableInfo } from '../../catalog/types.js';
import type { Queryable } from '../../db/database.js';
import { type RowContext, tableKey, tableOf } from './context.js';
import { Draft, splitReturned, type TextValues } from './draft.js';
import { RowError } from './errors.js';

export interface Chain {
  /** Parent tables made so far above this row. */
  depth: number;
  /** The tables above this row (child first), for cycles and messages. */
  path: string[];
  /** The caller's pins, with the type of the column they were pinned on. */
  inherited: Map<string, { text: string; type: string }>;
}

export interface Inserted {
  ctid: string;
  row: Record<string, unknown>;
  /** The columns asked for as text (a parent's referenced columns). */
  text: TextValues;
}

export interface InsertOptions {
  text: string[];
  /** A parent whose pinned values are already taken (a unique key) is that existing row. */
  reuse: boolean;
}

export interface Env {
  tx: Queryable;
  ctx: RowContext;
  chain: Chain;
  insert: (table: TableInfo, pins: TextValues, chain: Chain, options: InsertOptions) => Promise<Inserted>;
}

const AUTH = 'auth';

/** Links every foreign key of the draft; `force` names keys to link even when NULL or a default would do. */
export async function linkParents(env: Env, draft: Draft, force = new Set<string>()): Promise<void> {
  for (const fk of draft.table.foreignKeys) await linkParent(env, draft, fk, force.has(fk.name));
}

export async function linkParent(env: Env, draft: Draft, fk: ForeignKey, force: boolean): Promise<void> {
  const values = fk.columns.map((c) => draft.values.get(c));
  const self = fk.refSchema === draft.table.schema && fk.refTable === draft.table.name;
  if (values.every((v) => v !== undefined && v !== null)) {
    const own = fk.refColumns.map((c) => draft.values.get(c));
    if (!(self && own.every((v, i) => v === values[i])))
      await ensureExists(env, draft, fk, values as string[]);
    return;
  }
  // A NULL in the key: MATCH SIMPLE checks nothing.
  if (values.some((v) => v === null)) return;
  const required = fk.columns.some((c) => {
    const column = draft.column(c)!;
    return !draft.values.has(c) && column.notNull && column.default === null;
  });
  if (!required && !force) return;
  if (self) return selfReference(env, draft, fk);
  const pins: TextValues = {};
  fk.columns.forEach((c, i) => {
    if (values[i] !== undefined) pins[fk.refColumns[i]!] = values[i]!;
  });
  const text = await parentRow(env, draft, fk, pins);
  fk.columns.forEach((c, i) => {
    if (!draft.pinned.has(c)) draft.values.set(c, text[fk.refColumns[i]!] ?? null);
  });
}

/** A NOT NULL reference to its own table: the row points at itself. */
function selfReference(env: Env, draft: Draft, fk: ForeignKey): void {
  fk.refColumns.forEach((ref, i) => {
    if (draft.values.get(ref) == null) draft.generate(draft.column(ref)!, env.ctx.random, 'key');
    if (!draft.pinned.has(fk.columns[i]!)) draft.values.set(fk.columns[i]!, draft.values.get(ref)!);
  });
}

const describe = (columns: string[], values: Array<string | null>) =>
  columns.map((c, i) => `${c} = ${values[i]}`).join(', ');

async function ensureExists(env: Env, draft: Draft, fk: ForeignKey, values: string[]): Promise<void> {
  const parent = await tableOf(env.tx, env.ctx, fk.refSchema, fk.refTable);
  const seen = `${tableKey(parent)}|${fk.refColumns.join(',')}|${values.join(',')}`;
  if (fk.refSchema === AUTH && env.ctx.authRows.has(seen)) return;
  const found = await findRow(env.tx, parent, fk.refColumns, values);
  if (found) {
    if (fk.refSchema === AUTH) env.ctx.authRows.add(seen);
    return;
  }
  if (fk.refSchema === AUTH) {
    throw new RowError(
      `${draft.key}: ${tableKey(parent)} has no row with ${describe(fk.refColumns, values)} (pinned on ${fk.columns.join(', ')}); kodo makes no rows in auth, so create that user first`,
    );
  }
  const pins: TextValues = {};
  fk.refColumns.forEach((c, i) => {
    pins[c] = values[i]!;
  });
  await parentRow(env, draft, fk, pins);
}

async function findRow(
  tx: Queryable,
  table: TableInfo,
  columns: string[],
  values: Array<string | null>,
  text: string[] = [],
): Promise<Record<string, unknown> | undefined> {
  const { sql, params } = new Draft(table, {}).select(columns, values, text);
  return (await tx.query(sql, params)).rows[0];
}

/** A new parent row for `fk` with `pins` on its referenced columns; the text of those columns. */
async function parentRow(env: Env, draft: Draft, fk: ForeignKey, pins: TextValues): Promise<TextValues> {
  const parentKey = `${fk.refSchema}.${fk.refTable}`;
  const path = [...env.chain.path, draft.key];
  if (fk.refSchema === AUTH) return existingAuthRow(env, draft, fk);
  if (path.includes(parentKey)) {
    throw new RowError(
      `${draft.key}: NOT NULL foreign keys form a cycle (${[...path, parentKey].join(' → ')}), so kodo cannot make its parent rows`,
    );
  }
  if (env.chain.depth >= env.ctx.maxDepth) {
    throw new RowError(
      `${draft.key}: its parent rows nest deeper than ${env.ctx.maxDepth} tables (${[...path, parentKey].join(' → ')})`,
    );
  }
  const parent = await tableOf(env.tx, env.ctx, fk.refSchema, fk.refTable);
  const chain: Chain = { depth: env.chain.depth + 1, path, inherited: env.chain.inherited };
  const inserted = await env.insert(
    parent,
    { ...inheritedPins(parent, env.chain.inherited, fk.refColumns), ...pins },
    chain,
    {
      text: fk.refColumns,
      reuse: true,
    },
  );
  return inserted.text;
}

/** The caller's pins a parent has a column for (same name and type; not its key, which the child decides). */
function inheritedPins(parent: TableInfo, inherited: Chain['inherited'], refColumns: string[]): TextValues {
  const pins: TextValues = {};
  for (const column of parent.columns) {
    const pin = inherited.get(column.name);
    if (
      !pin ||
      column.generated ||
      refColumns.includes(column.name) ||
      parent.primaryKey.includes(column.name)
    )
      continue;
    if (pin.type === column.type) pins[column.name] = pin.text;
  }
  return pins;
}

/**
 * An unpinned NOT NULL reference into auth (created_by → auth.users): a user the caller pinned elsewhere on the
 * row when that user exists, else any existing row, else a RowError: kodo never makes auth rows.
 */
async function existingAuthRow(env: Env, draft: Draft, fk: ForeignKey): Promise<TextValues> {
  const parent = await tableOf(env.tx, env.ctx, fk.refSchema, fk.refTable);
  if (fk.refColumns.length === 1) {
    const type = parent.columns.find((c) => c.name === fk.refColumns[0])?.type;
    for (const pin of env.chain.inherited.values()) {
      if (pin.type !== type) continue;
      const found = await findRow(env.tx, parent, fk.refColumns, [pin.text]);
      if (found) return { [fk.refColumns[0]!]: pin.text };
    }
  }
  const any = await findRow(env.tx, parent, [], [], fk.refColumns);
  if (!any) {
    throw new RowError(
      `${draft.key}: NOT NULL ${fk.columns.join(', ')} needs a row in ${tableKey(parent)}, which is empty; kodo makes no rows in auth, so create a user first`,
    );
  }
  return splitReturned(any, fk.refColumns).text;
}
