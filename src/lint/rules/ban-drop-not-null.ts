// ban-drop-not-null: ALTER COLUMN … DROP NOT NULL on an existing table, which clients may not expect (squawk).
import { as, display, ident, rangeVarName } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const banDropNotNull = {
  id: 'ban-drop-not-null',
  severity: 'warning',
  description:
    'An `ALTER TABLE … ALTER COLUMN … DROP NOT NULL` on a table that existed before this transaction.',
  help: 'Make sure every reader (API clients, generated types, functions) handles NULL in this column before dropping the constraint; then silence this finding with `-- kodo-ignore ban-drop-not-null -- <reason>`.',
  create: ({ model, report }) => ({
    on: {
      AlterTableStmt(node, stmt) {
        if (node.objtype !== 'OBJECT_TABLE') return;
        const table = model.table(node.relation ?? '');
        // A table created in this transaction has no readers yet; a temporary one never will.
        if (table && (table.temporary || model.createdInTransaction(table, stmt))) return;
        const name = table ?? rangeVarName(node.relation, model.defaultSchema);
        for (const c of node.cmds ?? []) {
          const cmd = as(c, 'AlterTableCmd');
          if (cmd?.subtype !== 'AT_DropNotNull' || !cmd.name) continue;
          report({
            at: stmt,
            message: `Column ${display(name)}.${ident(cmd.name)} drops NOT NULL, so readers that expect a value will start getting NULLs; make sure every client handles NULL first.`,
          });
        }
      },
    },
  }),
} satisfies Rule;
