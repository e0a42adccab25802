// What the generator keeps between rows of one run: the random source, the catalog of parent tables it has
// read (auth.users, organizations…: read once, lazily) and its limits.
import { readTable } from '../../catalog/index.js';
import type { TableInfo } from '../../catalog/types.js';
import type { Queryable } from '../../db/database.js';
import { RowError } from './errors.js';
import { type Random, seededRandom } from './random.js';

export interface RowContext {
  /** Uniform in [0, 1); seed it (createRowContext({ seed })) for the same values on every run. */
  random: Random;
  /** TableInfo by `schema.name`: the tables given and every parent read so far. */
  tables: Map<string, TableInfo>;
  /** How many tables deep parent rows are made before giving up (a chain of NOT NULL foreign keys). */
  maxDepth: number;
  /** Inserts tried per row, repairs of failed checks included. */
  maxAttempts: number;
  /** Rows in auth.* found so far (`table|values`): the generator never makes nor removes them, so once is enough. */
  authRows: Set<string>;
}

export interface RowContextOptions {
  seed?: number;
  random?: Random;
  tables?: TableInfo[];
  maxDepth?: number;
  maxAttempts?: number;
}

export function createRowContext(options: RowContextOptions = {}): RowContext {
  return {
    random: options.random ?? seededRandom(options.seed),
    tables: new Map((options.tables ?? []).map((t) => [tableKey(t), t])),
    maxDepth: options.maxDepth ?? 6,
    maxAttempts: options.maxAttempts ?? 24,
    authRows: new Set(),
  };
}

export function tableKey(t: { schema: string; name: string }): string {
  return `${t.schema}.${t.name}`;
}

/** A table's catalog entry, from the context or read (once) from the database. */
export async function tableOf(
  tx: Queryable,
  ctx: RowContext,
  schema: string,
  name: string,
): Promise<TableInfo> {
  const key = tableKey({ schema, name });
  let table = ctx.tables.get(key);
  if (!table) {
    table = await readTable(tx, schema, name);
    if (!table) throw new RowError(`${key} does not exist`);
    ctx.tables.set(key, table);
  }
  return table;
}
