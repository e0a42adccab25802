// multiple-permissive-policies (splinter 0006): several permissive policies for one role and command, each of
// which Postgres evaluates for every row.
import { list, quoted, relation, words } from '../names.js';
import type { Advisor } from '../types.js';

const COMMANDS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const API_ROLES = ['anon', 'authenticated'];

/** The roles, API roles first; a policy for PUBLIC reaches many roles, so the rest are counted, not listed. */
function roleText(roles: string[]): string {
  const api = roles.filter((r) => API_ROLES.includes(r));
  const others = roles.filter((r) => !API_ROLES.includes(r));
  if (api.length === 0 || others.length <= 1) return words(roles);
  return `${api.join(', ')} and ${others.length} other role${others.length === 1 ? '' : 's'}`;
}

export const multiplePermissivePolicies: Advisor = {
  id: 'multiple-permissive-policies',
  lint: '0006_multiple_permissive_policies',
  level: 'warn',
  category: 'performance',
  // splinter's roles: a PUBLIC policy reaches every role but pg_*, supabase*admin and those that bypass RLS. One
  // finding per table and set of overlapping policies (splinter: one per role and command), as the static rule.
  sql: `
select x.schema_name, x.table_name as object_name, null as sub_name,
       jsonb_build_object('policies', x.policies, 'roles', array_agg(distinct x.rolname order by x.rolname),
                          'commands', array_agg(distinct x.cmd)) as detail
  from (
    select p.schema_name, p.table_name, ro.rolname, c.cmd, array_agg(p.polname order by p.polname) as policies
      from pol p
     cross join lateral unnest(case p.polcmd when '*' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE']
                                            when 'r' then array['SELECT'] when 'a' then array['INSERT']
                                            when 'w' then array['UPDATE'] else array['DELETE'] end) c(cmd)
      join pg_roles ro on ro.oid = any(p.polroles) or 0::oid = any(p.polroles)
     where p.polpermissive and p.relrowsecurity and not p.platform
       and ro.rolname !~ '^pg_' and ro.rolname !~ '^supabase.*admin$' and not ro.rolbypassrls
     group by 1, 2, 3, 4
    having count(*) > 1
  ) x
 group by x.schema_name, x.table_name, x.policies`,
  help: 'Merge the policies into one whose expression ORs their conditions, or make the extra ones restrictive if they are meant to narrow access.',
  advise(row) {
    const policies = list(row, 'policies');
    const commands = COMMANDS.filter((c) => list(row, 'commands').includes(c));
    return {
      object: relation(row),
      message: `Table ${relation(row)} has ${policies.length} permissive policies (${policies.map(quoted).join(', ')}) for ${roleText(list(row, 'roles'))} on ${words(commands)}, and Postgres evaluates every one of them for each row; merge them into one policy.`,
      anchor: { kind: 'latest-policy', schema: row.schema_name, table: row.object_name, names: policies },
      mentions: [relation(row), ...policies.map(quoted)],
    };
  },
};
