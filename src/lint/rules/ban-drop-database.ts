// ban-drop-database: DROP DATABASE in a migration (squawk).
import { ident } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const banDropDatabase = {
  id: 'ban-drop-database',
  severity: 'error',
  description: 'DROP DATABASE in a migration.',
  help: 'Migrations change one database; drop databases by hand (or in a test harness), never in a migration that runs in every environment.',
  create: ({ report }) => ({
    on: {
      DropdbStmt(node, stmt) {
        report({
          at: stmt,
          message: `Dropping database ${ident(node.dbname ?? '')} deletes everything in it in every environment this migration reaches; remove the statement from the migration.`,
        });
      },
    },
  }),
} satisfies Rule;
