// What every check reads, defined once: the API roles, the user's relations, policies and functions. The runner
// puts these CTEs before the union of the checks; Postgres evaluates only those a check refers to.
import { MANAGED_SCHEMAS } from '../lint/rules/support/splinter.js';

/**
 * splinter's exclusion list (schemas Supabase manages), plus kodo_standins, where the embedded database keeps the
 * stand-ins of extensions it lacks: objects there are neither the user's nor on a real Supabase database.
 */
export const PLATFORM_SCHEMAS: readonly string[] = [...MANAGED_SCHEMAS, 'kodo_standins'];

/**
 * `$1`: the schemas the Data API exposes; `$2`: the platform schemas. The runner sets search_path to '', so
 * Postgres looks in pg_catalog first (no user object can stand in for a catalog name) and pg_get_expr and regclass
 * print every other name schema-qualified.
 */
export const CATALOG_CTES = `
api_role as (
  -- By oid, so that a database without Supabase's roles has no API role rather than an error.
  select r.oid, r.rolname from pg_roles r where r.rolname in ('anon', 'authenticated')
),
rel as (
  -- The user's relations: outside the platform schemas and not created by an extension.
  select c.oid, c.relnamespace, n.nspname as schema_name, c.relname as object_name, c.relkind, c.relrowsecurity,
         n.nspname = any($1::text[]) as in_api,
         exists (
           select 1 from unnest(c.reloptions) o
            where lower(o) in ('security_invoker=1', 'security_invoker=true', 'security_invoker=yes',
                                          'security_invoker=on')
         ) as security_invoker,
         array(
           select a.rolname from api_role a
            where has_table_privilege(a.oid, c.oid, 'SELECT') order by a.rolname
         ) as readers
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p', 'v', 'm', 'f')
     and not (n.nspname = any($2::text[])) and n.nspname !~ '^pg_'
     and not exists (
       select 1 from pg_depend d
        where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
     )
),
pol as (
  -- Every policy (platform tables too: realtime.messages and storage.objects carry the user's policies), with
  -- its expressions lower-cased as pg_get_expr prints them under an empty search_path.
  select p.oid, n.nspname as schema_name, c.relname as table_name, p.polname, p.polcmd, p.polpermissive,
         p.polroles, c.relrowsecurity,
         n.nspname = any($2::text[]) as platform,
         lower(pg_get_expr(p.polqual, p.polrelid)) as using_expr,
         lower(pg_get_expr(p.polwithcheck, p.polrelid)) as check_expr,
         (0::oid = any(p.polroles)
           or exists (select 1 from api_role a where a.oid = any(p.polroles))) as for_api
    from pg_policy p
    join pg_class c on c.oid = p.polrelid
    join pg_namespace n on n.oid = c.relnamespace
),
fn as (
  -- The user's functions and procedures, named by their argument types.
  select p.oid, n.nspname as schema_name, p.proname as object_name,
         oidvectortypes(p.proargtypes) as args, p.prosecdef, p.proconfig,
         n.nspname = any($1::text[]) as in_api
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
   where p.prokind in ('f', 'p')
     and not (n.nspname = any($2::text[])) and n.nspname !~ '^pg_'
     and not exists (
       select 1 from pg_depend d
        where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e'
     )
)`;

/** The supabase.com page of a splinter lint. */
export function lintUrl(lint: string): string {
  return `https://supabase.com/docs/guides/database/database-linter?lint=${lint}`;
}
