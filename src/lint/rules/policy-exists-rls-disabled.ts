// policy-exists-rls-disabled: a table has policies but row level security is off, so none applies (splinter 0007).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { isUserObject, policyName, userPolicies } from './support/splinter.js';

export const policyExistsRlsDisabled = {
  id: 'policy-exists-rls-disabled',
  severity: 'error',
  description: 'A table with RLS policies whose row level security is disabled after all migrations.',
  help: 'Policies do nothing until row level security is on: run `alter table … enable row level security` (policies written in another migration count once RLS is enabled anywhere).',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (!isUserObject(table) || table.rls.enabled) continue;
        const policies = userPolicies(table);
        if (policies.length === 0) continue;
        const names = policies.map(policyName).join(', ');
        report({
          // Where RLS was turned off, else where the first policy was written.
          at: table.rls.changedAt ?? policies[0]!.origin,
          message: `Table ${display(table)} has ${policies.length > 1 ? 'policies' : 'policy'} ${names} but row level security is disabled, so ${policies.length > 1 ? 'they are' : 'it is'} ignored and every role with table privileges sees all rows; enable row level security on ${display(table)}.`,
        });
      }
    },
  }),
} satisfies Rule;
