// ban-drop-column: ALTER TABLE … DROP COLUMN on an existing table loses data and breaks clients (squawk).
import { as, ident } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { alteredTable } from './support/altered-table.js';

export const banDropColumn = {
  id: 'ban-drop-column',
  severity: 'warning',
  description:
    'ALTER TABLE … DROP COLUMN on a table that already existed: the data is gone and clients still using the column break.',
  help: 'Stop reading and writing the column in every service (and regenerate API types) first, back up what you may need, then drop it in a later migration; mark intended drops with `-- kodo-ignore ban-drop-column -- reason`.',
  create: ({ model, report }) => ({
    on: {
      AlterTableStmt(node, stmt) {
        const altered = alteredTable(model, node, stmt, { platform: true });
        if (!altered) return;
        const { table, name } = altered;
        for (const item of node.cmds ?? []) {
          const cmd = as(item, 'AlterTableCmd');
          if (cmd?.subtype !== 'AT_DropColumn' || !cmd.name) continue;
          const column = table?.columns.get(cmd.name);
          // IF EXISTS on a column the migrations never created, or a column added in this transaction.
          if (table && !column && cmd.missing_ok) continue;
          if (column && model.createdInTransaction(column, stmt)) continue;
          report({
            at: stmt,
            message: `Dropping column ${ident(cmd.name)} from ${name} deletes its data and breaks every client that still reads or writes it; stop using it everywhere first, then drop it in a later migration.`,
          });
        }
      },
    },
  }),
} satisfies Rule;
