// require-table-comment: every table should say what it holds (COMMENT ON TABLE).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const requireTableComment = {
  id: 'require-table-comment',
  severity: 'info',
  description: 'A table without `COMMENT ON TABLE` after all migrations.',
  help: "Describe the table with `comment on table … is '…'`: Studio, the generated API docs and later readers show it.",
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin || table.temporary || table.partitionOf || table.comment) continue;
        report({
          at: table.origin,
          message: `Table ${display(table)} has no comment; add comment on table ${display(table)} is '…' to say what it holds.`,
        });
      }
    },
  }),
} satisfies Rule;
