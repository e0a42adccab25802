// rls-policy-always-true (splinter 0024): a permissive policy whose USING or WITH CHECK lets API roles write any row.
import { list, member, quoted, relation, words } from '../names.js';
import type { Advisor } from '../types.js';

/**
 * An expression that holds for every row, as pg_get_expr prints it with blanks removed (by translate: a regular
 * expression's \s builds a Unicode class table on first use, tens of milliseconds on the embedded database).
 */
const ALWAYS = (e: string) => `translate(${e}, E' \\t\\n\\r', '') in ('true', '(true)', '1=1', '(1=1)')`;

const API_ROLES = ['anon', 'authenticated'];

const CLAUSES: Record<string, string> = {
  'using-true': 'its USING is always true',
  'no-using': 'it has no USING',
  'check-true': 'its WITH CHECK is always true',
  'no-check': 'it has no WITH CHECK',
};

const ACTION: Record<string, string> = {
  '*': 'read and write',
  r: 'select',
  a: 'insert',
  w: 'update',
  d: 'delete',
};

export const rlsPolicyAlwaysTrue: Advisor = {
  id: 'rls-policy-always-true',
  lint: '0024_permissive_rls_policy',
  level: 'warn',
  category: 'security',
  // splinter's test: UPDATE, DELETE or ALL with an always-true or missing USING; an always-true WITH CHECK; INSERT
  // without WITH CHECK; UPDATE or ALL without WITH CHECK whose USING is always true. SELECT … USING (true) is fine.
  sql: `
select p.schema_name, p.table_name as object_name, p.polname as sub_name,
       jsonb_build_object('command', p.polcmd, 'clauses', c.clauses,
         'roles', array(select case when o = 0 then 'PUBLIC' else pg_get_userbyid(o)::text end
                          from unnest(p.polroles) o)) as detail
  from pol p
 cross join lateral (
   select array_remove(array[
     case when p.polcmd in ('w', 'd', '*') and ${ALWAYS('p.using_expr')} then 'using-true'
          when p.polcmd in ('w', 'd', '*') and p.using_expr is null then 'no-using' end,
     case when ${ALWAYS('p.check_expr')} then 'check-true'
          when p.check_expr is null
           and (p.polcmd = 'a' or (p.polcmd in ('w', '*') and ${ALWAYS('p.using_expr')})) then 'no-check' end
   ], null) as clauses
 ) c
 where p.polpermissive and p.relrowsecurity and not p.platform and p.for_api and cardinality(c.clauses) > 0`,
  help: 'Replace `true` with a condition on the row, e.g. `(select auth.uid()) = user_id`; if every user really may change every row, say so with `-- kodo-ignore rls-policy-always-true -- reason`.',
  advise(row) {
    const roles = list(row, 'roles');
    const who = roles.includes('PUBLIC') ? 'every role' : words(roles.filter((r) => API_ROLES.includes(r)));
    const command = String(row.detail?.['command'] ?? '*');
    const clauses = list(row, 'clauses').map((c) => CLAUSES[c] ?? c);
    return {
      object: member(row),
      message: `Policy ${quoted(row.sub_name ?? '')} on ${relation(row)} lets ${who} ${ACTION[command]} any row because ${clauses.join(' and ')}, which bypasses row level security; write a condition on the row such as (select auth.uid()) = user_id.`,
      anchor: { kind: 'policy', schema: row.schema_name, table: row.object_name, name: row.sub_name ?? '' },
      mentions: [quoted(row.sub_name ?? ''), relation(row)],
    };
  },
};
