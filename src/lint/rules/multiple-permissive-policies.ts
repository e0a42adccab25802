// multiple-permissive-policies: several permissive policies for one role and command, all run per row (splinter 0006).
import { display } from '../../sql/ast.js';
import type { Origin, Policy, PolicyCommand, Rule } from '../types.js';
import { bypassesRls, isUserObject, policyName, userPolicies } from './support/splinter.js';

const COMMANDS: Exclude<PolicyCommand, 'all'>[] = ['select', 'insert', 'update', 'delete'];

function later(a: Origin, b: Origin): boolean {
  return a.file.index > b.file.index || (a.file.index === b.file.index && a.offset > b.offset);
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export const multiplePermissivePolicies = {
  id: 'multiple-permissive-policies',
  severity: 'warning',
  description:
    'A table with RLS where two or more permissive policies apply to the same role and command, so Postgres evaluates each of them for every row.',
  help: 'Merge the policies into one whose expression ORs their conditions, or make the extra ones restrictive if they are meant to narrow access.',
  create: ({ model, settings, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (!isUserObject(table) || !table.rls.enabled) continue;
        const permissive = userPolicies(table).filter((p) => p.permissive);
        if (permissive.length < 2) continue;
        // PUBLIC reaches every role; on Supabase the ones that do not bypass RLS are the API roles and any
        // role a policy of this table names.
        const named = permissive.flatMap((p) => p.roles).filter((r) => r !== 'public');
        const everyone = [...new Set([...settings.apiRoles, ...named])].filter((r) => !bypassesRls(r));
        // (role, command) → policies, grouped by the set of policies that overlap there.
        const groups = new Map<string, { policies: Policy[]; roles: Set<string>; commands: Set<string> }>();
        for (const role of everyone) {
          for (const command of COMMANDS) {
            const applying = permissive.filter(
              (p) =>
                (p.command === command || p.command === 'all') &&
                (p.roles.includes(role) || p.roles.includes('public')),
            );
            if (applying.length < 2) continue;
            const key = applying.map((p) => p.name).join('\0');
            const group = groups.get(key) ?? { policies: applying, roles: new Set(), commands: new Set() };
            group.roles.add(role);
            group.commands.add(command);
            groups.set(key, group);
          }
        }
        for (const { policies, roles, commands } of groups.values()) {
          // The policy written last is the one that made the overlap.
          const last = policies.reduce((a, b) => (later(b.origin, a.origin) ? b : a));
          report({
            at: last.origin,
            message: `Table ${display(table)} has ${policies.length} permissive policies (${policies.map(policyName).join(', ')}) for ${joinWords([...roles])} on ${joinWords([...commands].map((c) => c.toUpperCase()))}, and Postgres evaluates every one of them for each row; merge them into one policy.`,
          });
        }
      }
    },
  }),
} satisfies Rule;
