// require-concurrent-index-deletion: DROP INDEX without CONCURRENTLY on an existing table (squawk).
import { as, display, strings } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const requireConcurrentIndexDeletion = {
  id: 'require-concurrent-index-deletion',
  severity: 'warning',
  description:
    'DROP INDEX without CONCURRENTLY: the table is locked against reads and writes until the index is gone, and the lock waits behind running queries.',
  help: 'Use `DROP INDEX CONCURRENTLY IF EXISTS …` (one index per statement) as the only statement of its migration file (it cannot run inside a transaction).',
  create: ({ model, report }) => ({
    on: {
      DropStmt(node, stmt) {
        if (node.removeType !== 'OBJECT_INDEX' || node.concurrent) return;
        for (const object of node.objects ?? []) {
          const names = strings(as(object, 'List')?.items);
          const index = model.index(names);
          if (!index) {
            // IF EXISTS on an index no migration created: most likely nothing to drop.
            if (node.missing_ok) continue;
          } else {
            // Skip indexes of tables created in this transaction, temporary tables and Supabase platform tables.
            const table = model.tables.get(index.table);
            if (model.createdInTransaction(index, stmt)) continue;
            if (table && (table.builtin || table.temporary || model.createdInTransaction(table, stmt)))
              continue;
          }
          const q = index ?? model.resolve(names, model.indexes);
          const table = index
            ? display(model.tables.get(index.table) ?? model.resolve(index.table))
            : 'its table';
          report({
            at: stmt,
            message: `Dropping index ${display(q)} locks ${table} against reads and writes, and the lock waits behind every running query; use DROP INDEX CONCURRENTLY in a migration of its own.`,
          });
        }
      },
    },
  }),
} satisfies Rule;
