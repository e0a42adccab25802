// rls-policy-always-true: a permissive policy whose USING or WITH CHECK lets API roles write any row (splinter 0024).
import { as, display, type Node, strings } from '../../sql/ast.js';
import { deparse } from '../../sql/deparse.js';
import type { Policy, Rule } from '../types.js';
import { isUserObject, policyName, roleList, userPolicies } from './support/splinter.js';

/** `true`, `(true)`, `1 = 1`, `'a' = 'a'`: an expression that holds for every row. */
function alwaysTrue(expr: Node | undefined): boolean {
  if (!expr) return false;
  const c = as(expr, 'A_Const');
  if (c) return c.boolval?.boolval === true;
  const e = as(expr, 'A_Expr');
  if (e?.kind !== 'AEXPR_OP' || strings(e.name).join('.') !== '=') return false;
  return Boolean(as(e.lexpr, 'A_Const') && as(e.rexpr, 'A_Const') && deparse(e.lexpr) === deparse(e.rexpr));
}

/** splinter's test: which clause of a permissive policy lets every row through, if any. */
function openClauses(p: Policy): string[] {
  const usingTrue = alwaysTrue(p.using);
  const clauses: string[] = [];
  if (p.command === 'update' || p.command === 'delete' || p.command === 'all') {
    if (usingTrue) clauses.push('its USING is always true');
    else if (!p.using) clauses.push('it has no USING');
  }
  if (alwaysTrue(p.withCheck)) clauses.push('its WITH CHECK is always true');
  else if (
    !p.withCheck &&
    (p.command === 'insert' || ((p.command === 'update' || p.command === 'all') && usingTrue))
  )
    clauses.push('it has no WITH CHECK');
  return clauses;
}

export const rlsPolicyAlwaysTrue = {
  id: 'rls-policy-always-true',
  severity: 'warning',
  description:
    'A permissive RLS policy for PUBLIC, anon or authenticated whose USING (UPDATE, DELETE, ALL) or WITH CHECK is always true; SELECT … USING (true) is allowed.',
  help: 'Replace `true` with a condition on the row, e.g. `(select auth.uid()) = user_id`; if every user really may change every row, say so with `-- kodo-ignore rls-policy-always-true -- reason`.',
  create: ({ model, settings, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (!isUserObject(table) || !table.rls.enabled) continue;
        for (const policy of userPolicies(table)) {
          if (!policy.permissive) continue;
          const roles = policy.roles.includes('public')
            ? ['public']
            : policy.roles.filter((r) => settings.apiRoles.includes(r));
          if (roles.length === 0) continue;
          const clauses = openClauses(policy);
          if (clauses.length === 0) continue;
          const who = roles[0] === 'public' ? 'every role' : roleList(roles);
          report({
            at: policy.origin,
            message: `Policy ${policyName(policy)} on ${display(table)} lets ${who} ${policy.command === 'all' ? 'read and write' : policy.command} any row because ${clauses.join(' and ')}, which bypasses row level security; write a condition on the row such as (select auth.uid()) = user_id.`,
          });
        }
      }
    },
  }),
} satisfies Rule;
