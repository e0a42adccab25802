// The table an ALTER TABLE changes, when lock and compatibility rules apply to it (shared by the squawk rules).
import type { AlterTableStmt, ColumnDef, Constraint } from '@pgsql/types';
import { as, display } from '../../../sql/ast.js';
import type { SchemaModel, Statement, Table } from '../../types.js';

export interface AlteredTable {
  /** The model's table, when a migration created it. */
  table: Table | undefined;
  /** `schema.name` for messages. */
  name: string;
}

/** What `alteredTable` found for a statement, shared by the seven rules that ask (see below). */
interface Shared {
  model: SchemaModel;
  /** Without and with `platform`. */
  answers: [AlteredTable | undefined, AlteredTable | undefined];
}

const shared = new WeakMap<Statement, Shared>();

/**
 * The existing table an `ALTER TABLE` statement changes, or undefined when the rules stay silent: not a table,
 * a table created in this same transaction (empty, and nobody else can hold a lock on it or depend on it yet),
 * a temporary table, `IF EXISTS` on a table no migration created, a view, and (unless `platform` is true)
 * Supabase platform tables such as auth.users, which belong to the platform rather than to migrations.
 * Worked out once per statement: rules run before the model applies it, so they all see the same model.
 */
export function alteredTable(
  model: SchemaModel,
  node: AlterTableStmt,
  stmt: Statement,
  opts: { platform?: boolean } = {},
): AlteredTable | undefined {
  let hit = shared.get(stmt);
  if (hit?.model !== model) {
    hit = { model, answers: answers(model, node, stmt) };
    shared.set(stmt, hit);
  }
  return hit.answers[opts.platform ? 1 : 0];
}

function answers(model: SchemaModel, node: AlterTableStmt, stmt: Statement): Shared['answers'] {
  const rel = node.relation;
  if (node.objtype !== 'OBJECT_TABLE' || !rel) return [undefined, undefined];
  const table = model.table(rel);
  const exempt = table
    ? table.temporary || model.createdInTransaction(table, stmt)
    : node.missing_ok || model.view(rel) !== undefined;
  if (exempt) return [undefined, undefined];
  const altered = { table, name: display(table ?? model.resolve(rel, model.tables)) };
  return [table?.builtin ? undefined : altered, altered];
}

/** A constraint an ALTER TABLE adds, with the column it is written on (undefined for ADD CONSTRAINT). */
export interface AddedConstraint {
  constraint: Constraint;
  column: ColumnDef | undefined;
}

/**
 * The constraints an ALTER TABLE adds: `ADD CONSTRAINT …`, and those written on an `ADD COLUMN` (unless
 * `ADD COLUMN IF NOT EXISTS` finds the column already there and adds nothing).
 */
export function addedConstraints(node: AlterTableStmt, table: Table | undefined): AddedConstraint[] {
  const out: AddedConstraint[] = [];
  for (const item of node.cmds ?? []) {
    const cmd = as(item, 'AlterTableCmd');
    if (cmd?.subtype === 'AT_AddConstraint') {
      const constraint = as(cmd.def, 'Constraint');
      if (constraint) out.push({ constraint, column: undefined });
    } else if (cmd?.subtype === 'AT_AddColumn') {
      const column = as(cmd.def, 'ColumnDef');
      if (!column || (cmd.missing_ok && table?.columns.has(column.colname ?? ''))) continue;
      for (const n of column.constraints ?? []) {
        const constraint = as(n, 'Constraint');
        if (constraint) out.push({ constraint, column });
      }
    }
  }
  return out;
}
