// ban-concurrent-index-creation-in-transaction: CREATE INDEX CONCURRENTLY inside a transaction (squawk).
//
// In a file with other statements, the Supabase CLI (2.109 and later) and `kodo up` commit what came before and
// run the statement on its own (src/apply/no-transaction.ts), so the file applies but is no longer atomic: a
// warning. After a written BEGIN, or inside a DO block, nothing can take it out of the transaction: an error.
import { runsOutsideTransaction } from '../../apply/no-transaction.js';
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const banConcurrentIndexCreationInTransaction = {
  id: 'ban-concurrent-index-creation-in-transaction',
  severity: 'error',
  description:
    'CREATE INDEX CONCURRENTLY inside a transaction: after BEGIN or in a DO block (it fails), or in a migration file with other statements (the file is no longer atomic).',
  help: 'Put `CREATE INDEX CONCURRENTLY` alone in a migration file of its own, without BEGIN/COMMIT: the CLI then runs it outside a transaction and the other files stay atomic.',
  create: ({ model, report }) => ({
    on: {
      IndexStmt(node, stmt) {
        if (!node.concurrent || !node.relation) return;
        const table = () =>
          display(model.table(node.relation!) ?? model.resolve(node.relation!, model.tables));
        if (stmt.nested) {
          report({
            at: stmt,
            message: `CREATE INDEX CONCURRENTLY on ${table()} cannot run inside a DO block, which always runs in a transaction; move it out of the block, to a migration file of its own.`,
          });
          return;
        }
        if (stmt.tx.explicit) {
          report({
            at: stmt,
            message: `CREATE INDEX CONCURRENTLY on ${table()} cannot run inside a transaction, and this one follows a BEGIN; move it to a migration file of its own, without BEGIN/COMMIT or other statements.`,
          });
          return;
        }
        if (!stmt.tx.implicit || stmt.file.statements.length <= 1) return;
        if (runsOutsideTransaction(stmt.text)) {
          report({
            at: stmt,
            severity: 'warning',
            message: `CREATE INDEX CONCURRENTLY on ${table()} cannot run inside a transaction, so the Supabase CLI (2.109 and later) and kodo up commit the statements before it and run it on its own: this file is no longer atomic (what ran before it stays applied if a later statement fails), and older CLIs refuse it; move it to a migration file of its own.`,
          });
          return;
        }
        report({
          at: stmt,
          message: `CREATE INDEX CONCURRENTLY on ${table()} cannot run inside a transaction, and a migration file with other statements runs in one; move it to a migration file of its own, without BEGIN/COMMIT or other statements.`,
        });
      },
    },
  }),
} satisfies Rule;
