// unindexed-foreign-keys: a foreign key with no index leading with its columns (splinter 0001).
import { display } from '../../sql/ast.js';
import type { Index, Rule } from '../types.js';

/** An index serves the foreign key when its first columns are the key's columns, in any order. */
function covers(index: Index, columns: string[]): boolean {
  if (index.columns.length < columns.length) return false;
  const lead = new Set(index.columns.slice(0, columns.length));
  return columns.every((c) => lead.has(c));
}

export const unindexedForeignKeys = {
  id: 'unindexed-foreign-keys',
  severity: 'warning',
  description: 'A foreign key whose columns do not lead any index of the table after all migrations.',
  help: 'Index the referencing columns (`create index on child (parent_id)`): deletes and updates on the parent, and joins, otherwise scan the whole child table.',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin) continue;
        const indexes = [...table.indexes.values()];
        for (const c of table.constraints.values()) {
          if (!c.foreignKey || c.columns.length === 0) continue;
          if (indexes.some((i) => covers(i, c.columns))) continue;
          report({
            at: c.origin,
            message: `Foreign key ${display(table)}(${c.columns.join(', ')}) has no index starting with its columns, so deletes on ${c.foreignKey.references} scan ${display(table)}; add create index on ${display(table)} (${c.columns.join(', ')}).`,
          });
        }
      }
    },
  }),
} satisfies Rule;
