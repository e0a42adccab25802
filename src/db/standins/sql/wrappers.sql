-- kodo stand-in for wrappers 0.5: each foreign data wrapper's handler, validator and meta function, so CREATE FOREIGN DATA WRAPPER / SERVER / FOREIGN TABLE apply; foreign tables cannot be queried.
do $kodo$
declare
  fdw text;
begin
  foreach fdw in array array[
    'airtable', 'auth0', 'big_query', 'click_house', 'cognito', 'duckdb', 'firebase', 'hello_world', 'iceberg',
    'logflare', 'mssql', 'redis', 's3', 'stripe', 'wasm'
  ] loop
    -- A handler must be a C function returning fdw_handler: borrow postgres_fdw's, which PGlite ships.
    execute format(
      'create function @extschema@.%I() returns fdw_handler language c strict as %L, %L',
      fdw || '_fdw_handler', '$libdir/postgres_fdw', 'postgres_fdw_handler');
    execute format(
      'create function @extschema@.%I(options text[], catalog oid) returns void language plpgsql as %L',
      fdw || '_fdw_validator',
      format('begin perform kodo_standins.log_call(%L, %L, jsonb_build_object(''options'', options)); end',
        'wrappers', fdw || '_fdw_validator'));
    execute format(
      'create function @extschema@.%I() returns table(name text, version text, author text, website text) language sql as %L',
      fdw || '_fdw_meta',
      format('select %L::text, %L::text, %L::text, %L::text', fdw, '0.5.0', 'Supabase', 'https://github.com/supabase/wrappers'));
  end loop;
end
$kodo$;

create table @extschema@.wrappers_fdw_stats (
  fdw_name text primary key,
  create_times bigint,
  rows_in bigint,
  rows_out bigint,
  bytes_in bigint,
  bytes_out bigint,
  metadata jsonb,
  created_at timestamptz not null default pg_catalog.timezone('utc', pg_catalog.now()),
  updated_at timestamptz not null default pg_catalog.timezone('utc', pg_catalog.now())
);
