// One query that changes whenever anything RLS access depends on changes: tables and their columns, RLS flags,
// grants, policies, and the functions of the exposed and auth schemas (a policy helper redefined changes access
// as much as a policy does). The access diff reruns the matrix only after a file that changed it.
import type { Queryable } from '../../db/database.js';

const SQL = `
select md5(concat_ws('|',
  (select string_agg(concat_ws(',', c.oid::regclass::text, c.relkind, c.relrowsecurity, c.relforcerowsecurity,
          c.relacl::text), ';' order by c.oid::regclass::text)
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any($1) and c.relkind in ('r', 'p')),
  (select string_agg(concat_ws(',', a.attrelid::regclass::text, a.attname, a.atttypid, a.attnotnull, a.attacl::text),
          ';' order by a.attrelid::regclass::text, a.attnum)
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any($1) and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped),
  (select string_agg(concat_ws(',', p.polrelid::regclass::text, p.polname, p.polcmd, p.polpermissive,
          p.polroles::text, pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)),
          ';' order by p.polrelid::regclass::text, p.polname)
     from pg_policy p),
  (select string_agg(concat_ws(',', p.oid::regprocedure::text, md5(p.prosrc), p.prosecdef, p.proconfig::text,
          p.proacl::text), ';' order by p.oid::regprocedure::text)
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = any($1) or n.nspname in ('auth', 'storage'))
)) as print`;

export async function accessFingerprint(db: Queryable, schemas: string[]): Promise<string> {
  const { rows } = await db.query<{ print: string }>(SQL, [schemas]);
  return rows[0]!.print;
}
