// renaming-column: RENAME COLUMN on an existing table or view, which breaks clients still using the old name (squawk).
import { display, ident, rangeVarName } from '../../sql/ast.js';
import type { Rule } from '../types.js';

const RELATIONS = ['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE'];

export const renamingColumn = {
  id: 'renaming-column',
  severity: 'warning',
  description: 'An `ALTER TABLE … RENAME COLUMN` on a table or view that existed before this transaction.',
  help: 'Renames are not backward compatible: add the new column, write to both and move readers over, then drop the old column in a later migration (or keep the old name).',
  create: ({ model, report }) => ({
    on: {
      RenameStmt(node, stmt) {
        if (node.renameType !== 'OBJECT_COLUMN' || !RELATIONS.includes(node.relationType ?? '')) return;
        if (!node.subname || !node.newname) return;
        const rel = model.relation(node.relation ?? '');
        if (rel && ((rel.kind === 'table' && rel.temporary) || model.createdInTransaction(rel, stmt))) return;
        const name = display(rel ?? rangeVarName(node.relation, model.defaultSchema));
        report({
          at: stmt,
          message: `Renaming column ${name}.${ident(node.subname)} to ${ident(node.newname)} breaks clients and functions that still use ${ident(node.subname)}; add the new column and move readers over before dropping the old one.`,
        });
      },
    },
  }),
} satisfies Rule;
