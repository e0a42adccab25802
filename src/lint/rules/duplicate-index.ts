// duplicate-index: two indexes of a table with the same definition after all migrations (splinter 0009).
import { display } from '../../sql/ast.js';
import type { Index, Rule } from '../types.js';

function describe(index: Index): string {
  return index.constraint ? `constraint ${index.name}` : `index ${display(index)}`;
}

export const duplicateIndex = {
  id: 'duplicate-index',
  severity: 'warning',
  description: 'Two or more indexes of one table with identical definitions after all migrations.',
  help: 'Drop the extra index (`drop index concurrently …`): every copy slows writes and takes space without speeding up any query.',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        const byDefinition = new Map<string, Index>();
        const ordered = [...table.indexes.values()].sort(
          (a, b) => a.origin.file.index - b.origin.file.index || a.origin.offset - b.origin.offset,
        );
        for (const index of ordered) {
          const first = byDefinition.get(index.definition);
          if (!first) {
            byDefinition.set(index.definition, index);
            continue;
          }
          // Platform indexes are not the migrations' to drop.
          if (index.origin.file.index < 0) continue;
          const what = index.constraint ? `Constraint ${index.name}` : `Index ${display(index)}`;
          report({
            at: index.origin,
            message: `${what} on ${display(table)} duplicates ${describe(first)} (${index.definition}); drop one of them.`,
          });
        }
      }
    },
  }),
} satisfies Rule;
