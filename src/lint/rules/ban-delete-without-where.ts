// ban-delete-without-where: DELETE with no WHERE clause, which empties an existing table.
import type { Rule } from '../types.js';
import { unfilteredWrites, writeHandlers } from './support/unfiltered-write.js';

export const banDeleteWithoutWhere = {
  id: 'ban-delete-without-where',
  severity: 'warning',
  description: 'A `DELETE` without a `WHERE` clause on a table that existed before this transaction.',
  help: 'Add a WHERE clause that selects the rows to delete; if emptying the table is really the intent, say so with `-- kodo-ignore ban-delete-without-where -- <reason>`.',
  create: ({ model, report }) => ({
    on: writeHandlers((stmt) => {
      for (const { relation, name } of unfilteredWrites(model, stmt, 'DeleteStmt')) {
        report({
          at: stmt,
          location: relation.location,
          message: `DELETE FROM ${name} has no WHERE clause and removes every row; add a WHERE clause that selects the rows to delete.`,
        });
      }
    }),
  }),
} satisfies Rule;
