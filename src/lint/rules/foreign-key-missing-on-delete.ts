// foreign-key-missing-on-delete: a foreign key that does not say what happens when the referenced row goes.
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const foreignKeyMissingOnDelete = {
  id: 'foreign-key-missing-on-delete',
  severity: 'warning',
  description: 'A foreign key written without an `ON DELETE` action.',
  help: 'Write the intent: `on delete cascade` (children go with the parent), `on delete set null` (keep them, unlinked) or `on delete restrict` (refuse the delete).',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin) continue;
        for (const c of table.constraints.values()) {
          const fk = c.foreignKey;
          if (!fk || fk.onDeleteWritten) continue;
          report({
            at: c.origin,
            message: `Foreign key ${display(table)}(${c.columns.join(', ')}) → ${fk.references} has no ON DELETE action, so deleting a referenced row fails; add ON DELETE CASCADE, SET NULL or RESTRICT.`,
          });
        }
      }
    },
  }),
} satisfies Rule;
