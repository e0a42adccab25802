-- Empties the local stack's database for a replay, in one statement (so all or nothing). Modelled on what the
-- Supabase CLI runs for `db reset` on a database it cannot recreate (pkg/migration/queries/drop.sql), written here
-- for kodo, plus what its container rebuild also clears: the schemas migrations created, and the rows of storage
-- and vault. Platform schemas (auth, storage, realtime, extensions, vault, …) and their tables are kept, and so
-- are the extensions a Supabase database starts with and the schemas extensions own. Roles are cluster-wide and
-- stay, as with the CLI.
do $kodo_reset$
declare
  rec record;
begin
  -- Extensions migrations added (a Supabase database starts with these).
  for rec in
    select e.extname from pg_catalog.pg_extension e
    where e.extname not in ('plpgsql', 'pgcrypto', 'uuid-ossp', 'pg_stat_statements', 'pg_graphql', 'pg_net',
                            'pgjwt', 'pgsodium', 'supabase_vault')
  loop
    execute format('drop extension if exists %I cascade', rec.extname);
  end loop;

  -- Schemas migrations created: not Postgres's, not Supabase's, not an extension's.
  for rec in
    select n.nspname from pg_catalog.pg_namespace n
    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
      and n.nspname not in ('public', 'auth', 'storage', 'realtime', '_realtime', 'extensions', 'graphql',
                            'graphql_public', 'vault', 'pgsodium', 'pgsodium_masks', 'net', 'cron', 'pgmq',
                            'pgbouncer', 'supabase_functions', 'supabase_migrations', '_analytics', '_supavisor',
                            'pgtle', 'repack', 'topology', 'tiger', 'tiger_data', 'kodo_standins')
      and not exists (select from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')
  loop
    execute format('drop schema if exists %I cascade', rec.nspname);
  end loop;

  -- Everything in public, the schema itself kept (with its grants and default privileges).
  for rec in
    select p.oid::regprocedure::text as sig, p.prokind from pg_catalog.pg_proc p
    where p.pronamespace = 'public'::regnamespace
      and not exists (select from pg_catalog.pg_depend d where d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('drop routine if exists %s cascade', rec.sig);
  end loop;
  for rec in
    select c.relname, c.relkind from pg_catalog.pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm', 'r', 'p', 'f', 'S')
      and not exists (select from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype in ('e', 'i', 'a'))
    order by case c.relkind when 'v' then 0 when 'm' then 1 when 'S' then 3 else 2 end
  loop
    execute format(
      case rec.relkind when 'v' then 'drop view if exists public.%I cascade'
                       when 'm' then 'drop materialized view if exists public.%I cascade'
                       when 'f' then 'drop foreign table if exists public.%I cascade'
                       when 'S' then 'drop sequence if exists public.%I cascade'
                       else 'drop table if exists public.%I cascade' end,
      rec.relname);
  end loop;
  for rec in
    select t.typname from pg_catalog.pg_type t
    where t.typnamespace = 'public'::regnamespace and t.typtype in ('c', 'd', 'e', 'r', 'm')
      and not exists (select from pg_catalog.pg_class c where c.oid = t.typrelid and c.relkind <> 'c')
      and not exists (select from pg_catalog.pg_depend d where d.objid = t.oid and d.deptype = 'e')
  loop
    execute format('drop type if exists public.%I cascade', rec.typname);
  end loop;

  -- The rows migrations and seeds wrote into platform tables, and the history.
  for rec in
    select n.nspname, c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p')
      and ((n.nspname in ('auth', 'storage', 'supabase_functions') and c.relname not in ('schema_migrations', 'migrations'))
           or n.nspname in ('supabase_migrations', 'vault'))
  loop
    execute format('truncate %I.%I cascade', rec.nspname, rec.relname);
  end loop;

  -- Policies and publications migrations created (those on platform tables too), not realtime's own.
  for rec in select schemaname, tablename, policyname from pg_catalog.pg_policies loop
    execute format('drop policy if exists %I on %I.%I', rec.policyname, rec.schemaname, rec.tablename);
  end loop;
  for rec in
    select pubname from pg_catalog.pg_publication
    where pubname not like 'supabase_realtime%' and pubname not like 'realtime_messages%'
  loop
    execute format('drop publication if exists %I', rec.pubname);
  end loop;
end
$kodo_reset$;
