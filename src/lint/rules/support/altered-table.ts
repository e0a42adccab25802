// The table an ALTER TABLE changes, when lock and compatibility rules apply to it (shared by the squawk rules).
import type { AlterTableStmt } from '@pgsql/types';
import { display } from '../../../sql/ast.js';
import type { SchemaModel, Statement, Table } from '../../types.js';

export interface AlteredTable {
  /** The model's table, when a migration created it. */
  table: Table | undefined;
  /** `schema.name` for messages. */
  name: string;
}

/**
 * The existing table an `ALTER TABLE` statement changes, or undefined when the rules stay silent: not a table,
 * a table created in this same transaction (empty, and nobody else can hold a lock on it or depend on it yet),
 * a temporary table, `IF EXISTS` on a table no migration created, a view, and (unless `platform` is true)
 * Supabase platform tables such as auth.users, which belong to the platform rather than to migrations.
 */
export function alteredTable(
  model: SchemaModel,
  node: AlterTableStmt,
  stmt: Statement,
  opts: { platform?: boolean } = {},
): AlteredTable | undefined {
  const rel = node.relation;
  if (node.objtype !== 'OBJECT_TABLE' || !rel) return undefined;
  const table = model.table(rel);
  const exempt = table
    ? (table.builtin && !opts.platform) || table.temporary || model.createdInTransaction(table, stmt)
    : node.missing_ok || model.view(rel) !== undefined;
  if (exempt) return undefined;
  return { table, name: display(table ?? model.resolve(rel, model.tables)) };
}
