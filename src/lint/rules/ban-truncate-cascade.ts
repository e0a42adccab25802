// ban-truncate-cascade: TRUNCATE … CASCADE, which also empties every table that references the target (squawk).
import { as, display, rangeVarName } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const banTruncateCascade = {
  id: 'ban-truncate-cascade',
  severity: 'warning',
  description: '`TRUNCATE … CASCADE` on a table that existed before this transaction.',
  help: 'List every table you mean to empty in the TRUNCATE and drop CASCADE, so a foreign key added later cannot silently widen what it deletes.',
  create: ({ model, report }) => ({
    on: {
      TruncateStmt(node, stmt) {
        if (node.behavior !== 'DROP_CASCADE') return;
        const names: string[] = [];
        for (const r of node.relations ?? []) {
          const rv = as(r, 'RangeVar');
          if (!rv) continue;
          const table = model.table(rv);
          // A temporary or brand-new table can only be referenced by tables as new as itself.
          if (table && (table.temporary || model.createdInTransaction(table, stmt))) continue;
          names.push(display(table ?? rangeVarName(rv, model.defaultSchema)));
        }
        if (names.length === 0) return;
        report({
          at: stmt,
          message: `TRUNCATE … CASCADE on ${names.join(', ')} also empties every table with a foreign key to ${names.length > 1 ? 'them' : 'it'}, recursively; list the tables to empty and drop CASCADE.`,
        });
      },
    },
  }),
} satisfies Rule;
