// require-timestamps: tables should carry created_at and updated_at as timestamptz (the seed checklist).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

const COLUMNS = ['created_at', 'updated_at'];

export const requireTimestamps = {
  id: 'require-timestamps',
  severity: 'info',
  description:
    'A table without `created_at` and `updated_at` columns of type timestamptz after all migrations.',
  help: 'Add `created_at timestamptz not null default now()` and `updated_at timestamptz not null default now()` (with a trigger keeping updated_at current).',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin || table.temporary || table.partitionOf) continue;
        const missing = COLUMNS.filter((c) => !table.columns.has(c));
        if (missing.length > 0) {
          report({
            at: table.origin,
            message: `Table ${display(table)} has no ${missing.join(' or ')} column; add ${missing.length > 1 ? 'them' : 'it'} as timestamptz not null default now().`,
          });
        }
        for (const name of COLUMNS) {
          const column = table.columns.get(name);
          if (!column || column.type.name === 'timestamptz') continue;
          report({
            at: column.origin,
            message: `Column ${name} of ${display(table)} is ${column.type.text}; make it timestamptz so times keep their time zone.`,
          });
        }
      }
    },
  }),
} satisfies Rule;
