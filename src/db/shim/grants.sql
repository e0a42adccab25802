-- Supabase's default grants and default privileges on `public` (supabase/postgres init scripts), and its search_path.
grant usage on schema public to postgres, anon, authenticated, service_role;

alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;

-- Only a superuser or a member of supabase_admin may set its default privileges (not so on the Supabase local stack).
do $kodo$
begin
  if pg_catalog.pg_has_role(current_user, 'supabase_admin', 'member')
     or (select rolsuper from pg_catalog.pg_roles where rolname = current_user) then
    alter default privileges for role supabase_admin in schema public grant all on tables to postgres, anon, authenticated, service_role;
    alter default privileges for role supabase_admin in schema public grant all on functions to postgres, anon, authenticated, service_role;
    alter default privileges for role supabase_admin in schema public grant all on sequences to postgres, anon, authenticated, service_role;
  end if;
end
$kodo$;

-- Supabase sets this on the postgres role; on a shimmed server the database carries it (new sessions see it).
do $kodo$
begin
  execute pg_catalog.format('alter database %I set search_path to "$user", public, extensions', pg_catalog.current_database());
end
$kodo$;
