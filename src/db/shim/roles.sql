-- Supabase's roles (supabase/postgres init scripts, current attributes), each created only if missing: roles are cluster-wide on a server.
-- Roles are NOLOGIN here: the shim gives them no password, and nothing logs in as them.
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
      ('supabase_auth_admin', 'noinherit createrole'),
      ('supabase_storage_admin', 'noinherit createrole'),
      ('supabase_functions_admin', 'noinherit createrole'),
      ('supabase_realtime_admin', 'noinherit'),
      ('supabase_replication_admin', 'replication'),
      ('supabase_read_only_user', 'bypassrls')
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
      ('service_role', 'postgres')
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
