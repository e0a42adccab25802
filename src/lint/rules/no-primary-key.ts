// no-primary-key: a table that still has no primary key once every migration has run (splinter 0004).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const noPrimaryKey = {
  id: 'no-primary-key',
  severity: 'warning',
  description: 'A table without a primary key after all migrations.',
  help: 'Add a primary key, e.g. `id bigint generated always as identity primary key`: Realtime, replication and ORMs identify rows by it.',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin || table.temporary) continue;
        const hasKey = (key: string | undefined) =>
          [...(model.tables.get(key ?? '')?.constraints.values() ?? [])].some((c) => c.kind === 'primary');
        // A partition inherits its parent's primary key.
        if (hasKey(table.key) || hasKey(table.partitionOf)) continue;
        report({
          at: table.origin,
          message: `Table ${display(table)} has no primary key; add one so every row can be identified.`,
        });
      }
    },
  }),
} satisfies Rule;
