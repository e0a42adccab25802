// rls-missing-command-policy: RLS policies exist but none allows one of select/insert/update/delete.
import { display } from '../../sql/ast.js';
import type { Policy, Rule } from '../types.js';

const COMMANDS = ['select', 'insert', 'update', 'delete'] as const;

/** service_role bypasses RLS, so a policy only for it grants nothing to API users. */
function grantsApiRoles(p: Policy): boolean {
  return p.permissive && p.roles.some((r) => r !== 'service_role');
}

export const rlsMissingCommandPolicy = {
  id: 'rls-missing-command-policy',
  severity: 'info',
  description:
    'A table with RLS policies where no permissive policy covers one of SELECT, INSERT, UPDATE or DELETE.',
  help: 'Add a policy for each command the API should allow; a command without one is denied to every role but service_role.',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin || !table.rls.enabled || table.policies.size === 0) continue;
        const policies = [...table.policies.values()].filter(grantsApiRoles);
        const missing = COMMANDS.filter(
          (cmd) => !policies.some((p) => p.command === cmd || p.command === 'all'),
        );
        if (missing.length === 0) continue;
        report({
          at: table.rls.changedAt ?? table.origin,
          message: `Row level security on ${display(table)} has no policy for ${missing.join(', ')}, so ${missing.length > 1 ? 'those are' : 'it is'} denied to every API role; add ${missing.length > 1 ? 'policies' : 'a policy'} or ignore this if that is intended.`,
        });
      }
    },
  }),
} satisfies Rule;
