// rls-disabled-in-public: a table the Data API exposes without row level security (splinter 0013).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const rlsDisabledInPublic = {
  id: 'rls-disabled-in-public',
  severity: 'error',
  description:
    'A table in an API-exposed schema, readable by anon or authenticated, without row level security.',
  help: "Enable row level security (`alter table … enable row level security`) and add policies, or revoke the API roles' privileges if the table must stay private.",
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin || table.temporary || table.rls.enabled || !model.isExposed(table)) continue;
        report({
          at: table.rls.changedAt ?? table.origin,
          message: `Table ${display(table)} is exposed through the Data API without row level security, so anyone with the anon key can read and change every row; enable row level security and add policies.`,
        });
      }
    },
  }),
} satisfies Rule;
