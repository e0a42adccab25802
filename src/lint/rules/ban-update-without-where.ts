// ban-update-without-where: UPDATE with no WHERE clause, which rewrites every row of an existing table.
import type { Rule } from '../types.js';
import { unfilteredWrites, writeHandlers } from './support/unfiltered-write.js';

export const banUpdateWithoutWhere = {
  id: 'ban-update-without-where',
  severity: 'warning',
  description: 'An `UPDATE` without a `WHERE` clause on a table that existed before this transaction.',
  help: 'Add a WHERE clause that selects the rows to change (for a backfill, `where col is null` also makes it safe to rerun and to batch); if every row is really meant, say so with `-- kodo-ignore ban-update-without-where -- <reason>`.',
  create: ({ model, report }) => ({
    on: writeHandlers((stmt) => {
      for (const { relation, name } of unfilteredWrites(model, stmt, 'UpdateStmt')) {
        report({
          at: stmt,
          location: relation.location,
          message: `UPDATE ${name} has no WHERE clause and rewrites every row, locking them all until the migration commits; add a WHERE clause that selects the rows to change.`,
        });
      }
    }),
  }),
} satisfies Rule;
