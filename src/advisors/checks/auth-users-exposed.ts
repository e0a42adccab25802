// auth-users-exposed (splinter 0002): an API-readable view or materialized view that reads auth.users.
import { readers, relation, text } from '../names.js';
import type { Advisor } from '../types.js';

const WHY: Record<string, string> = {
  materialized: 'materialized views have no row level security',
  definer: "it runs with its owner's rights",
  'no-rls': 'auth.users has no row level security',
};

export const authUsersExposed: Advisor = {
  id: 'auth-users-exposed',
  lint: '0002_auth_users_exposed',
  level: 'error',
  category: 'security',
  // A view reads auth.users when its rewrite rule depends on it.
  sql: `
select r.schema_name, r.object_name, null as sub_name,
       jsonb_build_object('readers', r.readers, 'kind', r.relkind,
         'why', case when r.relkind = 'm' then 'materialized'
                     when not r.security_invoker then 'definer' else 'no-rls' end) as detail
  from rel r
 where r.relkind in ('v', 'm') and r.in_api and cardinality(r.readers) > 0
   and exists (
     select 1 from pg_depend d join pg_rewrite w on w.oid = d.objid
      where d.classid = 'pg_rewrite'::regclass and w.ev_class = r.oid and d.deptype = 'n'
        and d.refclassid = 'pg_class'::regclass and d.refobjid = to_regclass('auth.users'))
   and (r.relkind = 'm' or not r.security_invoker
        or not coalesce((select c.relrowsecurity from pg_class c where c.oid = to_regclass('auth.users')), false))`,
  help: 'Keep auth.users out of the Data API: put the view in a schema the API does not expose, revoke select on it from anon and authenticated, or copy the fields you need into a public table (e.g. profiles) kept up to date by a trigger.',
  advise(row) {
    const kind = text(row, 'kind') === 'm' ? 'Materialized view' : 'View';
    return {
      object: relation(row),
      message: `${kind} ${relation(row)} reads auth.users and ${readers(row)} can select from it, and ${WHY[text(row, 'why')]}, so it exposes every user's email and metadata; move it out of the exposed schema or revoke select on it from the API roles.`,
      anchor: { kind: 'view', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
