// Row-level security policies as pg_policies shows them: role names (public for PUBLIC), the command's name
// and the expressions' text.
import type { Queryable } from '../db/database.js';
import { withQualifiedNames } from './qualified.js';
import type { PolicyInfo } from './types.js';

/** Every policy on a relation of `schemas`, by schema, table and policy name. */
export async function readPolicies(db: Queryable, schemas: string[]): Promise<PolicyInfo[]> {
  const { rows } = await withQualifiedNames(db, (q) =>
    q.query<PolicyInfo>(
      `select n.nspname as schema, c.relname as table, p.polname as name,
            case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
                          when 'd' then 'DELETE' else 'ALL' end as command,
            p.polpermissive as permissive,
            -- Role 0 is PUBLIC, which has no pg_roles row.
            array(select coalesce(r.rolname::text, 'public') from unnest(p.polroles) u(oid)
                    left join pg_roles r on r.oid = u.oid order by 1) as roles,
            pg_get_expr(p.polqual, p.polrelid) as using,
            pg_get_expr(p.polwithcheck, p.polrelid) as "withCheck"
       from pg_policy p
       join pg_class c on c.oid = p.polrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[])
      order by n.nspname, c.relname, p.polname`,
      [schemas],
    ),
  );
  return rows;
}
