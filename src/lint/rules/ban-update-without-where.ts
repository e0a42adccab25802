// ban-update-without-where: UPDATE with no WHERE clause, which rewrites every row of an existing table.
import type { UpdateStmt, WithClause } from '@pgsql/types';
import { as, display, rangeVarName } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const banUpdateWithoutWhere = {
  id: 'ban-update-without-where',
  severity: 'warning',
  description: 'An `UPDATE` without a `WHERE` clause on a table that existed before this transaction.',
  help: 'Add a WHERE clause that selects the rows to change (for a backfill, `where col is null` also makes it safe to rerun and to batch); if every row is really meant, say so with `-- kodo-ignore ban-update-without-where -- <reason>`.',
  create: ({ model, report }) => ({
    statement(stmt) {
      const check = (node: UpdateStmt) => {
        if (node.whereClause || !node.relation) return;
        const table = model.table(node.relation);
        // A temporary table, or one created in this transaction, holds only rows this migration put there.
        if (table && (table.temporary || model.createdInTransaction(table, stmt))) return;
        const name = display(table ?? rangeVarName(node.relation, model.defaultSchema));
        report({
          at: stmt,
          location: node.relation.location,
          message: `UPDATE ${name} has no WHERE clause and rewrites every row, locking them all until the migration commits; add a WHERE clause that selects the rows to change.`,
        });
      };
      const top = stmt.node('UpdateStmt');
      if (top) check(top);
      // A data-modifying WITH query is only allowed at the top level of a statement.
      const withClause = (stmt.ast as Record<string, { withClause?: WithClause } | undefined>)[stmt.kind]
        ?.withClause;
      for (const cte of withClause?.ctes ?? []) {
        const query = as(as(cte, 'CommonTableExpr')?.ctequery, 'UpdateStmt');
        if (query) check(query);
      }
    },
  }),
} satisfies Rule;
