// require-concurrent-index-creation: CREATE INDEX without CONCURRENTLY on an existing table (squawk).
import { display, keyOf } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const requireConcurrentIndexCreation = {
  id: 'require-concurrent-index-creation',
  severity: 'warning',
  description:
    'CREATE INDEX without CONCURRENTLY on an existing table: writes to the table wait until the index is built.',
  help: 'Use `CREATE INDEX CONCURRENTLY IF NOT EXISTS …` as the only statement of its migration file (it cannot run inside a transaction).',
  create: ({ model, report }) => ({
    on: {
      IndexStmt(node, stmt) {
        const rel = node.relation;
        if (node.concurrent || !rel) return;
        const table = model.table(rel);
        if (!table && model.view(rel)) return; // a materialized view: only REFRESH waits
        // A table created in this transaction is empty: the index builds at once and blocks nobody.
        // Supabase platform tables (auth.users, storage.objects) belong to the platform, not to migrations.
        if (table && (table.builtin || table.temporary || model.createdInTransaction(table, stmt))) return;
        const q = table ?? model.resolve(rel, model.tables);
        if (
          node.if_not_exists &&
          node.idxname &&
          model.indexes.has(keyOf({ schema: q.schema, name: node.idxname }))
        )
          return;
        if (table?.partitioned) {
          // ON ONLY creates an invalid parent index without touching the partitions.
          if (!rel.inh) return;
          report({
            at: stmt,
            location: rel.location,
            message: `Index creation on the partitioned table ${display(q)} blocks writes to every partition until it finishes, and CONCURRENTLY is not supported there; create it ON ONLY ${display(q)}, build each partition's index CONCURRENTLY and attach them with ALTER INDEX … ATTACH PARTITION.`,
          });
          return;
        }
        report({
          at: stmt,
          location: rel.location,
          message: `Index creation on ${display(q)} blocks writes until it finishes; use CREATE INDEX CONCURRENTLY in a migration of its own.`,
        });
      },
    },
  }),
} satisfies Rule;
