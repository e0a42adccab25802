// require-service-role-policy (opt-in): every RLS table names service_role in a policy, for teams whose
// checklist wants server access written down.
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const requireServiceRolePolicy = {
  id: 'require-service-role-policy',
  severity: 'warning',
  enabledByDefault: false,
  description: 'A table with row level security and no policy for `service_role` (opt-in).',
  help: 'Add `create policy "service role full access" on … to service_role using (true) with check (true)`; service_role bypasses RLS anyway, so the policy documents intent.',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin || !table.rls.enabled) continue;
        if ([...table.policies.values()].some((p) => p.roles.includes('service_role'))) continue;
        report({
          at: table.rls.changedAt ?? table.origin,
          message: `Table ${display(table)} has no policy for service_role; add one that states the server's access.`,
        });
      }
    },
  }),
} satisfies Rule;
