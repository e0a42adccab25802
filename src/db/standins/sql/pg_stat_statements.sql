-- kodo stand-in for pg_stat_statements 1.11: its view and functions with the real signatures; no statistics are collected.
-- Relocatable, like the real one: objects go to the schema CREATE EXTENSION names, so no @extschema@ here.
create function pg_stat_statements(
  showtext boolean,
  out userid oid, out dbid oid, out toplevel boolean, out queryid bigint, out query text,
  out plans bigint, out total_plan_time double precision, out min_plan_time double precision,
  out max_plan_time double precision, out mean_plan_time double precision, out stddev_plan_time double precision,
  out calls bigint, out total_exec_time double precision, out min_exec_time double precision,
  out max_exec_time double precision, out mean_exec_time double precision, out stddev_exec_time double precision,
  out rows bigint, out shared_blks_hit bigint, out shared_blks_read bigint, out shared_blks_dirtied bigint,
  out shared_blks_written bigint, out local_blks_hit bigint, out local_blks_read bigint,
  out local_blks_dirtied bigint, out local_blks_written bigint, out temp_blks_read bigint,
  out temp_blks_written bigint, out wal_records bigint, out wal_fpi bigint, out wal_bytes numeric
)
returns setof record
language sql
as $$
  select null::oid, null::oid, null::boolean, null::bigint, null::text, null::bigint, null::float8, null::float8,
         null::float8, null::float8, null::float8, null::bigint, null::float8, null::float8, null::float8, null::float8,
         null::float8, null::bigint, null::bigint, null::bigint, null::bigint, null::bigint, null::bigint, null::bigint,
         null::bigint, null::bigint, null::bigint, null::bigint, null::bigint, null::bigint, null::numeric
  where false
$$;

create view pg_stat_statements as select * from pg_stat_statements(true);

create function pg_stat_statements_info(out dealloc bigint, out stats_reset timestamptz)
returns record
language sql
as $$ select 0::bigint, pg_catalog.now() $$;

create view pg_stat_statements_info as select * from pg_stat_statements_info();

create function pg_stat_statements_reset(
  userid oid default 0,
  dbid oid default 0,
  queryid bigint default 0,
  minmax_only boolean default false
)
returns timestamptz
language sql
as $$ select pg_catalog.now() $$;

grant select on pg_stat_statements, pg_stat_statements_info to public;
