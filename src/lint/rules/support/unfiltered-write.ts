// DELETE / UPDATE statements without a WHERE clause on tables that held rows before this transaction
// (shared by ban-delete-without-where and ban-update-without-where).
import type { DeleteStmt, RangeVar, UpdateStmt, WithClause } from '@pgsql/types';
import { as, display, rangeVarName } from '../../../sql/ast.js';
import type { SchemaModel, Statement, StatementHandlers } from '../../types.js';

export interface UnfilteredWrite {
  relation: RangeVar;
  /** `schema.name` for messages. */
  name: string;
}

/** Every `kind` the statement runs without WHERE: at the top level, or as a data-modifying WITH query. */
export function unfilteredWrites(
  model: SchemaModel,
  stmt: Statement,
  kind: 'DeleteStmt' | 'UpdateStmt',
): UnfilteredWrite[] {
  const top = stmt.node(kind);
  // A data-modifying WITH query is only allowed at the top level of a statement.
  const withClause = (stmt.ast as Record<string, { withClause?: WithClause } | undefined>)[stmt.kind]
    ?.withClause;
  // Most statements are neither: no lists to build.
  if (!top && !withClause) return [];
  const nodes: Array<DeleteStmt | UpdateStmt> = [];
  if (top) nodes.push(top);
  for (const cte of withClause?.ctes ?? []) {
    const query = as(as(cte, 'CommonTableExpr')?.ctequery, kind);
    if (query) nodes.push(query);
  }
  const writes: UnfilteredWrite[] = [];
  for (const node of nodes) {
    if (node.whereClause || !node.relation) continue;
    const table = model.table(node.relation);
    // A temporary table, or one created in this transaction, holds only rows this migration put there.
    if (table && (table.temporary || model.createdInTransaction(table, stmt))) continue;
    writes.push({
      relation: node.relation,
      name: display(table ?? rangeVarName(node.relation, model.defaultSchema)),
    });
  }
  return writes;
}

/**
 * Handlers for the statement kinds that can hold an UPDATE or DELETE (themselves, or one in their WITH clause),
 * so the engine does not call the rule for every other statement.
 */
export function writeHandlers(run: (stmt: Statement) => void): StatementHandlers {
  const each = (_node: unknown, stmt: Statement) => run(stmt);
  return { DeleteStmt: each, UpdateStmt: each, InsertStmt: each, SelectStmt: each, MergeStmt: each };
}
