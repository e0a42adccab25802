// ban-delete-without-where: DELETE with no WHERE clause, which empties an existing table.
import type { DeleteStmt, WithClause } from '@pgsql/types';
import { as, display, rangeVarName } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const banDeleteWithoutWhere = {
  id: 'ban-delete-without-where',
  severity: 'warning',
  description: 'A `DELETE` without a `WHERE` clause on a table that existed before this transaction.',
  help: 'Add a WHERE clause that selects the rows to delete; if emptying the table is really the intent, say so with `-- kodo-ignore ban-delete-without-where -- <reason>`.',
  create: ({ model, report }) => ({
    statement(stmt) {
      const check = (node: DeleteStmt) => {
        if (node.whereClause || !node.relation) return;
        const table = model.table(node.relation);
        // A temporary table, or one created in this transaction, holds only rows this migration put there.
        if (table && (table.temporary || model.createdInTransaction(table, stmt))) return;
        const name = display(table ?? rangeVarName(node.relation, model.defaultSchema));
        report({
          at: stmt,
          location: node.relation.location,
          message: `DELETE FROM ${name} has no WHERE clause and removes every row; add a WHERE clause that selects the rows to delete.`,
        });
      };
      const top = stmt.node('DeleteStmt');
      if (top) check(top);
      // A data-modifying WITH query is only allowed at the top level of a statement.
      const withClause = (stmt.ast as Record<string, { withClause?: WithClause } | undefined>)[stmt.kind]
        ?.withClause;
      for (const cte of withClause?.ctes ?? []) {
        const query = as(as(cte, 'CommonTableExpr')?.ctequery, 'DeleteStmt');
        if (query) check(query);
      }
    },
  }),
} satisfies Rule;
