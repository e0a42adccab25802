// rls-enabled-no-policy: row level security is on but no policy exists, so API roles see nothing (splinter 0008).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const rlsEnabledNoPolicy = {
  id: 'rls-enabled-no-policy',
  severity: 'info',
  description: 'A table with row level security enabled and no policy after all migrations.',
  help: 'Add a policy for each access the API should allow (`create policy … to authenticated using (…)`); with none, only service_role can use the table.',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin || !table.rls.enabled || table.policies.size > 0) continue;
        report({
          at: table.rls.changedAt ?? table.origin,
          message: `Row level security is enabled on ${display(table)} but it has no policy, so anon and authenticated can neither read nor write it; add the policies you intend.`,
        });
      }
    },
  }),
} satisfies Rule;
