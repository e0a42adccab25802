// ban-concurrent-index-creation-in-transaction: CREATE INDEX CONCURRENTLY inside a transaction (squawk).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const banConcurrentIndexCreationInTransaction = {
  id: 'ban-concurrent-index-creation-in-transaction',
  severity: 'error',
  description:
    'CREATE INDEX CONCURRENTLY inside a transaction: after BEGIN, or in a migration file with other statements, which the Supabase CLI runs as one transaction.',
  help: 'Put `CREATE INDEX CONCURRENTLY` alone in a migration file of its own, without BEGIN/COMMIT: the CLI then runs it outside a transaction.',
  create: ({ model, report }) => ({
    on: {
      IndexStmt(node, stmt) {
        if (!node.concurrent || !node.relation) return;
        const where = stmt.tx.explicit
          ? 'this one follows a BEGIN'
          : stmt.tx.implicit && stmt.file.statements.length > 1
            ? 'a migration file with other statements runs in one'
            : undefined;
        if (!where) return;
        const table = display(model.table(node.relation) ?? model.resolve(node.relation, model.tables));
        report({
          at: stmt,
          message: `CREATE INDEX CONCURRENTLY on ${table} cannot run inside a transaction, and ${where}; move it to a migration file of its own, without BEGIN/COMMIT or other statements.`,
        });
      },
    },
  }),
} satisfies Rule;
