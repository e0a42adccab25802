// transaction-nesting: BEGIN/COMMIT/ROLLBACK that nest in, or end early, the transaction the migration runs in (squawk).
// A COMMIT or ROLLBACK that splits a file is an error: the file is then not atomic.
import type { Rule } from '../types.js';

export const transactionNesting = {
  id: 'transaction-nesting',
  severity: 'warning',
  description:
    'An explicit `BEGIN`, `COMMIT` or `ROLLBACK` in a migration that the Supabase CLI already runs in a transaction, or one that does not match.',
  help: 'Remove BEGIN/COMMIT/ROLLBACK from migration files: the Supabase CLI runs each file in one transaction, and a COMMIT or ROLLBACK in the middle ends it early while the migration is still recorded as applied.',
  create: ({ report }) => ({
    on: {
      TransactionStmt(node, stmt) {
        const { explicit, implicit } = stmt.tx;
        const later = stmt.index < stmt.file.statements.length - 1;
        switch (node.kind) {
          case 'TRANS_STMT_BEGIN':
          case 'TRANS_STMT_START':
            if (explicit) {
              report({
                at: stmt,
                message:
                  'This BEGIN is inside a transaction that is already open, so Postgres ignores it with a warning; remove it.',
              });
            } else if (implicit) {
              report({
                at: stmt,
                message:
                  'The Supabase CLI already runs each migration file in a transaction, so this BEGIN nests in it and Postgres ignores it with a warning; remove it and its COMMIT.',
              });
            }
            return;
          case 'TRANS_STMT_COMMIT':
            if (implicit && later) {
              report({
                at: stmt,
                // An error, not squawk's warning: a failure after this point leaves the first half applied with no
                // history row, and the next run fails on it. kodo up refuses such a file unless --no-verify.
                severity: 'error',
                message:
                  'This COMMIT splits the file: it ends the transaction the Supabase CLI runs the file in, so the statements after it no longer roll back with the ones before and a failure leaves half the migration applied; remove it.',
              });
            } else if (implicit && !explicit) {
              report({
                at: stmt,
                message:
                  'This COMMIT has no BEGIN and commits the transaction the Supabase CLI runs the file in before the migration is recorded; remove it.',
              });
            } else if (!explicit && !implicit) {
              report({
                at: stmt,
                message:
                  'This COMMIT has no transaction to end, so Postgres ignores it with a warning; remove it.',
              });
            }
            return;
          case 'TRANS_STMT_ROLLBACK':
            if (implicit) {
              report({
                at: stmt,
                severity: 'error',
                message:
                  'This ROLLBACK splits the file: it undoes the statements before it, yet the Supabase CLI still records the migration as applied; remove it.',
              });
            } else if (!explicit) {
              report({
                at: stmt,
                message:
                  'This ROLLBACK has no transaction to end, so Postgres ignores it with a warning; remove it.',
              });
            }
            return;
          default:
            return;
        }
      },
    },
  }),
} satisfies Rule;
