-- kodo stand-in for dblink 1.2: a connection to the database itself runs the SQL here, in the same session and
-- transaction (the real one opens a new session); any other server is refused the way an unreachable one is
-- (SQLSTATE 08001, "could not establish connection"). Named connections live for the session. Calls are recorded
-- without passwords. Real dblink reads column values as text; here a query's column types must match the column
-- definition list of the caller.

-- Where a connection string points: 'local' for this database (host empty, a socket, localhost or a loopback
-- address; dbname absent or current_database()); anything else raises 08001.
create function @extschema@._kodo_dblink_target(connstr text)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  m text[];
  opts jsonb := '{}'::jsonb;
  host text;
  dbname text;
begin
  if connstr ~* '^postgres(ql)?://' then
    m := pg_catalog.regexp_match(connstr,
      '^postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?(\[[^\]]*\]|[^:/?]*)(?::([0-9]*))?(?:/([^?]*))?');
    opts := pg_catalog.jsonb_build_object('user', m[1], 'host', pg_catalog.btrim(m[3], '[]'), 'dbname', m[5]);
  else
    for m in
      select pg_catalog.regexp_matches(connstr, '([A-Za-z_]+)\s*=\s*(''(?:[^''\\]|\\.)*''|\S+)', 'g')
    loop
      opts := opts || pg_catalog.jsonb_build_object(pg_catalog.lower(m[1]),
        case when m[2] like '''%' then pg_catalog.replace(pg_catalog.substr(m[2], 2, pg_catalog.length(m[2]) - 2), '\''', '''')
             else m[2] end);
    end loop;
  end if;
  host := coalesce(nullif(opts ->> 'host', ''), nullif(opts ->> 'hostaddr', ''), '');
  dbname := nullif(opts ->> 'dbname', '');
  if (host = '' or host like '/%' or pg_catalog.lower(host) in ('localhost', '127.0.0.1', '::1'))
     and (dbname is null or dbname = pg_catalog.current_database()) then
    return 'local';
  end if;
  raise exception 'could not establish connection'
    using errcode = '08001',
          detail = pg_catalog.format('connection to server at "%s" failed: kodo''s embedded database reaches no other server (dblink stand-in).',
            coalesce(nullif(host, ''), 'localhost') || coalesce('/' || dbname, ''));
end
$$;

-- The session's named connections, as a JSON object in a session setting: name -> connection string.
create function @extschema@._kodo_dblink_connections()
returns jsonb
language sql
stable
set search_path = ''
as $$ select coalesce(nullif(pg_catalog.current_setting('kodo_dblink.connections', true), ''), '{}')::jsonb $$;

-- A connection name in use, else the argument itself as a connection string; checked either way.
create function @extschema@._kodo_dblink_resolve(conn text)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  named text := @extschema@._kodo_dblink_connections() ->> conn;
begin
  if named is not null then
    return @extschema@._kodo_dblink_target(named);
  end if;
  if conn = '' then
    raise exception 'connection not available' using errcode = '08003';
  end if;
  if conn !~ '=' and conn !~* '^postgres(ql)?://' then
    raise exception 'could not establish connection' using errcode = '08003',
      detail = pg_catalog.format('There is no connection named "%s".', conn);
  end if;
  return @extschema@._kodo_dblink_target(conn);
end
$$;

create function @extschema@._kodo_dblink_log(function_name text, conn text, sql text)
returns void
language sql
volatile
set search_path = ''
as $$
  select kodo_standins.log_call('dblink', function_name, pg_catalog.jsonb_build_object(
    'connection', case when conn is null then null
                       when @extschema@._kodo_dblink_connections() ? conn then conn
                       else pg_catalog.regexp_replace(pg_catalog.regexp_replace(conn,
                         '(password\s*=\s*)(''[^'']*''|\S+)', '\1***', 'gi'), '(://[^:@/]*:)[^@/]*@', '\1***@') end,
    'sql', sql))
$$;

create function @extschema@.dblink_connect(connstr text)
returns text
language plpgsql
set search_path = ''
as $$
begin
  return @extschema@.dblink_connect('', connstr);
end
$$;

create function @extschema@.dblink_connect(connname text, connstr text)
returns text
language plpgsql
set search_path = ''
as $$
begin
  perform @extschema@._kodo_dblink_log('dblink_connect', connstr, null);
  if @extschema@._kodo_dblink_connections() ? connname and connname <> '' then
    raise exception 'duplicate connection name' using errcode = '42710';
  end if;
  perform @extschema@._kodo_dblink_target(connstr);
  perform pg_catalog.set_config('kodo_dblink.connections',
    (@extschema@._kodo_dblink_connections() || pg_catalog.jsonb_build_object(connname, connstr))::text, false);
  return 'OK';
end
$$;

create function @extschema@.dblink_connect_u(connstr text)
returns text
language sql
set search_path = ''
as $$ select @extschema@.dblink_connect(connstr) $$;

create function @extschema@.dblink_connect_u(connname text, connstr text)
returns text
language sql
set search_path = ''
as $$ select @extschema@.dblink_connect(connname, connstr) $$;

create function @extschema@.dblink_disconnect()
returns text
language sql
set search_path = ''
as $$ select @extschema@.dblink_disconnect('') $$;

create function @extschema@.dblink_disconnect(connname text)
returns text
language plpgsql
set search_path = ''
as $$
begin
  if not @extschema@._kodo_dblink_connections() ? connname then
    raise exception 'connection not available' using errcode = '08003';
  end if;
  perform pg_catalog.set_config('kodo_dblink.connections', (@extschema@._kodo_dblink_connections() - connname)::text, false);
  return 'OK';
end
$$;

create function @extschema@.dblink_get_connections()
returns text[]
language sql
stable
set search_path = ''
as $$
  select pg_catalog.array_agg(k order by k) from pg_catalog.jsonb_object_keys(@extschema@._kodo_dblink_connections()) k
   where k <> ''
$$;

-- Records the call, then checks the connection (08001/08003 when it is not this database).
create function @extschema@._kodo_dblink_prepare(function_name text, conn text, sql text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform @extschema@._kodo_dblink_log(function_name, conn, sql);
  perform @extschema@._kodo_dblink_resolve(conn);
end
$$;

-- dblink(connection or connection string, sql [, fail_on_error]) and dblink(sql [, fail_on_error]) on the unnamed
-- connection. The SQL runs with the caller's search_path.
create function @extschema@.dblink(conn text, sql text, fail_on_error boolean)
returns setof record
language plpgsql
as $$
begin
  perform @extschema@._kodo_dblink_prepare('dblink', conn, sql);
  if fail_on_error then
    return query execute sql;
    return;
  end if;
  begin
    return query execute sql;
  exception when others then
    raise notice 'an error occurred on dblink connection: %', sqlerrm;
  end;
end
$$;

create function @extschema@.dblink(conn text, sql text)
returns setof record
language plpgsql
as $$
begin
  perform @extschema@._kodo_dblink_prepare('dblink', conn, sql);
  return query execute sql;
end
$$;

create function @extschema@.dblink(sql text, fail_on_error boolean)
returns setof record
language plpgsql
as $$
begin
  perform @extschema@._kodo_dblink_prepare('dblink', '', sql);
  if fail_on_error then
    return query execute sql;
    return;
  end if;
  begin
    return query execute sql;
  exception when others then
    raise notice 'an error occurred on dblink connection: %', sqlerrm;
  end;
end
$$;

create function @extschema@.dblink(sql text)
returns setof record
language plpgsql
as $$
begin
  perform @extschema@._kodo_dblink_prepare('dblink', '', sql);
  return query execute sql;
end
$$;

-- dblink_exec: runs a command and returns its status, as dblink does (e.g. 'INSERT 0 1', 'CREATE TABLE').
create function @extschema@.dblink_exec(conn text, sql text, fail_on_error boolean)
returns text
language plpgsql
as $$
declare
  n bigint;
  ddl text[] := pg_catalog.regexp_match(pg_catalog.ltrim(sql),
    '^(create|alter|drop)\s+(?:or\s+replace\s+)?(?:unique\s+)?(?:temp(?:orary)?\s+)?([a-z]+)', 'i');
  verb text := pg_catalog.upper(coalesce(ddl[1] || ' ' || ddl[2],
    (pg_catalog.regexp_match(pg_catalog.ltrim(sql), '^([a-z]+)', 'i'))[1], ''));
begin
  perform @extschema@._kodo_dblink_prepare('dblink_exec', conn, sql);
  begin
    execute sql;
    get diagnostics n = row_count;
  exception when others then
    if fail_on_error then
      raise;
    end if;
    raise notice 'an error occurred on dblink connection: %', sqlerrm;
    return 'ERROR';
  end;
  return case
    when verb like 'INSERT%' then 'INSERT 0 ' || n
    when verb like 'UPDATE%' then 'UPDATE ' || n
    when verb like 'DELETE%' then 'DELETE ' || n
    when verb like 'SELECT%' then 'SELECT ' || n
    else verb end;
end
$$;

create function @extschema@.dblink_exec(conn text, sql text)
returns text
language sql
as $$ select @extschema@.dblink_exec(conn, sql, true) $$;

create function @extschema@.dblink_exec(sql text, fail_on_error boolean)
returns text
language sql
as $$ select @extschema@.dblink_exec('', sql, fail_on_error) $$;

create function @extschema@.dblink_exec(sql text)
returns text
language sql
as $$ select @extschema@.dblink_exec('', sql, true) $$;

revoke execute on function @extschema@.dblink_connect_u(text), @extschema@.dblink_connect_u(text, text) from public;
