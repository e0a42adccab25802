// ban-drop-table: DROP TABLE of an existing table loses its data and breaks clients (squawk).
import { as, display, strings } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const banDropTable = {
  id: 'ban-drop-table',
  severity: 'warning',
  description:
    'DROP TABLE of a table that already existed: its data is gone and clients still using it break.',
  help: 'Make sure no service reads or writes the table any more and back up its data, then drop it; mark intended drops with `-- kodo-ignore ban-drop-table -- reason`.',
  create: ({ model, report }) => ({
    on: {
      DropStmt(node, stmt) {
        if (node.removeType !== 'OBJECT_TABLE') return;
        for (const object of node.objects ?? []) {
          const names = strings(as(object, 'List')?.items);
          const table = model.table(names);
          // IF EXISTS on a table no migration created: most likely nothing to drop.
          if (!table && node.missing_ok) continue;
          // A temporary table, or one created in this transaction, has no data or clients to lose.
          if (table && (table.temporary || model.createdInTransaction(table, stmt))) continue;
          report({
            at: stmt,
            message: `Dropping table ${display(table ?? model.resolve(names, model.tables))} deletes all of its rows and breaks every client that still uses it; make sure nothing reads or writes it and back it up first.`,
          });
        }
      },
    },
  }),
} satisfies Rule;
