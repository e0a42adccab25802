-- Supabase's roles, with the attributes and memberships the supabase/postgres image gives them today
-- (migrations/db/init-scripts/00000000000000-initial-schema.sql … 00000000000003-post-setup.sql and the later
-- migrations/db/migrations/* that alter them). Each is created only if missing: roles are cluster-wide on a server.
-- Differences, on purpose: every role is NOLOGIN (the shim gives none a password and nothing logs in as them),
-- supabase_admin is not SUPERUSER, and no role gets the statement_timeout / search_path settings Supabase sets.
do $kodo$
declare
  spec record;
begin
  for spec in
    select * from (values
      ('postgres', ''),
      ('supabase_admin', 'createdb createrole replication bypassrls'),
      ('anon', ''),
      ('authenticated', ''),
      ('service_role', 'bypassrls'),
      ('authenticator', 'noinherit'),
      ('dashboard_user', 'createdb createrole replication'),
      ('pgbouncer', ''),
      ('supabase_auth_admin', 'noinherit noreplication'),
      ('supabase_storage_admin', 'noinherit createrole noreplication'),
      ('supabase_functions_admin', 'noinherit createrole noreplication'),
      ('supabase_realtime_admin', 'noinherit createrole replication'),
      ('supabase_replication_admin', 'replication'),
      ('supabase_etl_admin', 'replication'),
      ('supabase_read_only_user', 'bypassrls'),
      ('supabase_superuser', ''),
      ('pgsodium_keyiduser', ''),
      ('pgsodium_keyholder', ''),
      ('pgsodium_keymaker', '')
    ) as roles(name, options)
  loop
    if not exists (select from pg_catalog.pg_roles where rolname = spec.name) then
      begin
        execute pg_catalog.format('create role %I nologin %s', spec.name, spec.options);
      exception when duplicate_object or unique_violation then
        -- Another session created it at the same moment.
      end;
    end if;
  end loop;

  for spec in
    select * from (values
      ('anon', 'authenticator'),
      ('authenticated', 'authenticator'),
      ('service_role', 'authenticator'),
      ('anon', 'postgres'),
      ('authenticated', 'postgres'),
      ('service_role', 'postgres'),
      ('anon', 'supabase_realtime_admin'),
      ('authenticated', 'supabase_realtime_admin'),
      ('service_role', 'supabase_realtime_admin'),
      ('supabase_superuser', 'postgres'),
      ('supabase_superuser', 'supabase_etl_admin'),
      ('pg_read_all_data', 'supabase_read_only_user'),
      ('pgsodium_keyiduser', 'pgsodium_keyholder'),
      ('pgsodium_keyholder', 'pgsodium_keymaker')
    ) as grants(role, member)
  loop
    if not pg_catalog.pg_has_role(spec.member, spec.role, 'member') then
      begin
        execute pg_catalog.format('grant %I to %I', spec.role, spec.member);
      exception when duplicate_object or unique_violation then
        -- Granted by another session at the same moment.
      end;
    end if;
  end loop;
end
$kodo$;
