// renaming-table: ALTER TABLE … RENAME TO on an existing table, which breaks clients still using the old name (squawk).
import { display, ident, rangeVarName } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const renamingTable = {
  id: 'renaming-table',
  severity: 'warning',
  description: 'An `ALTER TABLE … RENAME TO` on a table that existed before this transaction.',
  help: 'Renames are not backward compatible: keep the old name, or rename and leave a view under the old name until every client has moved.',
  create: ({ model, report }) => ({
    on: {
      RenameStmt(node, stmt) {
        if (node.renameType !== 'OBJECT_TABLE' || !node.newname) return;
        const table = model.table(node.relation ?? '');
        if (table && (table.temporary || model.createdInTransaction(table, stmt))) return;
        const name = display(table ?? rangeVarName(node.relation, model.defaultSchema));
        report({
          at: stmt,
          message: `Renaming table ${name} to ${ident(node.newname)} breaks clients and functions that still use the old name; keep it, or leave a view under the old name while clients move.`,
        });
      },
    },
  }),
} satisfies Rule;
