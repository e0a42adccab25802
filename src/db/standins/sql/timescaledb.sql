-- kodo stand-in for timescaledb 2.16.1, the Apache-licensed build Supabase ships (`show timescaledb.license` is
-- 'apache' there). Hypertables are recorded in a small catalog, never partitioned: create_hypertable validates the
-- table as TimescaleDB does, adds its NOT NULL and default index, and the table stays a plain table. time_bucket
-- has TimescaleDB's semantics. Functions that the Apache build refuses (retention, compression and continuous
-- aggregate policies, jobs) fail with its error, as they do on Supabase.
create schema _timescaledb_catalog;
create schema _timescaledb_internal;
create schema _timescaledb_functions;
create schema _timescaledb_cache;
create schema _timescaledb_config;
create schema timescaledb_information;
create schema timescaledb_experimental;
grant usage on schema _timescaledb_catalog, _timescaledb_internal, _timescaledb_functions, _timescaledb_cache,
  _timescaledb_config, timescaledb_information, timescaledb_experimental to public;

-- What by_range and by_hash build, and create_hypertable/add_dimension take.
create type _timescaledb_internal.dimension_info as (
  column_name name,
  kind text,
  interval_type regtype,
  interval_value text,
  number_partitions integer,
  partition_func regproc
);

create table _timescaledb_catalog.hypertable (
  id serial primary key,
  relid oid not null unique,
  associated_schema_name name not null default '_timescaledb_internal',
  associated_table_prefix name
);

create table _timescaledb_catalog.dimension (
  id serial primary key,
  hypertable_id integer not null references _timescaledb_catalog.hypertable (id) on delete cascade,
  column_name name not null,
  column_type regtype not null,
  kind text not null check (kind in ('range', 'hash')),
  interval_length bigint,
  num_slices smallint,
  partitioning_func regproc,
  unique (hypertable_id, column_name)
);
grant select on _timescaledb_catalog.hypertable, _timescaledb_catalog.dimension to public;

create view timescaledb_information.hypertables as
select n.nspname as hypertable_schema,
       c.relname as hypertable_name,
       pg_catalog.pg_get_userbyid(c.relowner) as owner,
       (select count(*) from _timescaledb_catalog.dimension d where d.hypertable_id = h.id)::smallint as num_dimensions,
       0::bigint as num_chunks,
       false as compression_enabled,
       null::name[] as tablespaces
  from _timescaledb_catalog.hypertable h
  join pg_catalog.pg_class c on c.oid = h.relid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace;

create view timescaledb_information.dimensions as
select n.nspname as hypertable_schema,
       c.relname as hypertable_name,
       pg_catalog.row_number() over (partition by h.id order by d.id) as dimension_number,
       d.column_name,
       d.column_type,
       case d.kind when 'range' then 'Time' else 'Space' end as dimension_type,
       case when d.kind = 'range' and d.column_type in ('timestamp'::regtype, 'timestamptz'::regtype, 'date'::regtype)
            then pg_catalog.justify_hours(pg_catalog.make_interval(secs => d.interval_length / 1000000.0)) end as time_interval,
       case when d.kind = 'range' and d.column_type not in ('timestamp'::regtype, 'timestamptz'::regtype, 'date'::regtype)
            then d.interval_length end as integer_interval,
       null::name as integer_now_func,
       d.num_slices as num_partitions
  from _timescaledb_catalog.hypertable h
  join _timescaledb_catalog.dimension d on d.hypertable_id = h.id
  join pg_catalog.pg_class c on c.oid = h.relid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace;
grant select on timescaledb_information.hypertables, timescaledb_information.dimensions to public;

-- The hypertable id of a table, or an error (TimescaleDB's) when it is none.
create function _timescaledb_functions.kodo_hypertable_id(relation regclass)
returns integer
language plpgsql
stable
set search_path = ''
as $$
declare
  ht integer;
begin
  if relation is null then
    raise exception 'hypertable cannot be NULL' using errcode = '22023';
  end if;
  select h.id into ht from _timescaledb_catalog.hypertable h where h.relid = relation;
  if ht is null then
    raise exception 'table "%" is not a hypertable', (select relname from pg_catalog.pg_class where oid = relation)
      using errcode = 'TS001';
  end if;
  return ht;
end
$$;

-- A chunk interval in TimescaleDB's internal units (microseconds for time columns), validated as it does.
create function _timescaledb_functions.kodo_interval(dimtype regtype, value_type regtype, value text)
returns bigint
language plpgsql
stable
set search_path = ''
as $$
declare
  is_time boolean := dimtype in ('timestamp'::regtype, 'timestamptz'::regtype, 'date'::regtype);
  max_value bigint := case dimtype when 'smallint'::regtype then 32767 when 'integer'::regtype then 2147483647
                      else 9223372036854775807 end;
  v bigint;
  i interval;
  months integer;
begin
  if value is null then
    return case dimtype when 'smallint'::regtype then 10000 when 'integer'::regtype then 100000
           when 'bigint'::regtype then 1000000 else 7::bigint * 86400 * 1000000 end;
  end if;
  if value_type in ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype) then
    v := value::bigint;
    if v < 1 or v > max_value then
      raise exception 'invalid interval: must be between 1 and %', max_value using errcode = '22023';
    end if;
    if is_time and v < 1000000 then
      raise warning 'unexpected interval: smaller than one second'
        using hint = 'The interval is specified in microseconds.';
    end if;
  elsif value_type = 'interval'::regtype then
    if not is_time then
      raise exception 'invalid interval type for % dimension', dimtype::text
        using errcode = '22023', hint = 'Use an interval of type integer.';
    end if;
    i := value::interval;
    months := (pg_catalog.date_part('year', i) * 12 + pg_catalog.date_part('month', i))::integer;
    -- As TimescaleDB counts it: a month is 30 days, a day 24 hours.
    v := months::bigint * 30 * 86400 * 1000000
       + (pg_catalog.date_part('epoch', i - pg_catalog.make_interval(months => months)) * 1000000)::bigint;
    if v < 1 then
      raise exception 'invalid interval: must be between 1 and %', max_value using errcode = '22023';
    end if;
  else
    raise exception 'invalid interval type for % dimension', dimtype::text
      using errcode = '22023',
            hint = case when is_time then 'Use an interval of type integer or interval.'
                   else 'Use an interval of type integer.' end;
  end if;
  if dimtype = 'date'::regtype and v % (86400::bigint * 1000000) <> 0 then
    raise exception 'invalid interval for % dimension', dimtype::text
      using errcode = '22023', hint = 'Use an interval that is a multiple of one day.';
  end if;
  return v;
end
$$;

-- Validates and records one dimension of a hypertable; returns its id, or null when it exists and if_not_exists.
create function _timescaledb_functions.kodo_add_dimension(
  ht integer,
  relation regclass,
  dim _timescaledb_internal.dimension_info,
  if_not_exists boolean
)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  col record;
  dim_id integer;
begin
  if dim is null or dim.column_name is null then
    raise exception 'partition column cannot be NULL' using errcode = '22023';
  end if;
  select a.attname, a.atttypid::regtype as typ, a.attnotnull, a.attgenerated into col
    from pg_catalog.pg_attribute a
   where a.attrelid = relation and a.attname = dim.column_name and a.attnum > 0 and not a.attisdropped;
  if not found then
    raise exception 'column "%" does not exist', dim.column_name using errcode = '42703';
  end if;
  if col.attgenerated <> '' then
    raise exception 'invalid partitioning column'
      using errcode = '22023', hint = 'Generated columns cannot be used as partitioning dimensions.';
  end if;
  if exists (select from _timescaledb_catalog.dimension d where d.hypertable_id = ht and d.column_name = dim.column_name) then
    if if_not_exists then
      raise notice 'column "%" is already a dimension, skipping', dim.column_name;
      return null;
    end if;
    raise exception 'column "%" is already a dimension', dim.column_name using errcode = 'TS101';
  end if;
  if dim.kind = 'range' then
    if dim.partition_func is null
       and col.typ not in ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype,
                           'date'::regtype, 'timestamp'::regtype, 'timestamptz'::regtype) then
      raise exception 'invalid type for dimension "%"', dim.column_name
        using errcode = '22023', hint = 'Use an integer, timestamp, or date type.';
    end if;
    insert into _timescaledb_catalog.dimension (hypertable_id, column_name, column_type, kind, interval_length, partitioning_func)
    values (ht, dim.column_name, col.typ, 'range',
            _timescaledb_functions.kodo_interval(col.typ, dim.interval_type, dim.interval_value), dim.partition_func)
    returning id into dim_id;
  else
    if dim.number_partitions is null or dim.number_partitions < 1 or dim.number_partitions > 32767 then
      raise exception 'invalid number of partitions for dimension "%"', dim.column_name
        using errcode = '22023', hint = 'A closed (space) dimension must specify between 1 and 32767 partitions.';
    end if;
    insert into _timescaledb_catalog.dimension (hypertable_id, column_name, column_type, kind, num_slices, partitioning_func)
    values (ht, dim.column_name, col.typ, 'hash', dim.number_partitions, dim.partition_func)
    returning id into dim_id;
  end if;
  if not col.attnotnull then
    raise notice 'adding not-null constraint to column "%"', dim.column_name
      using detail = 'Dimensions cannot have NULL values.';
    execute pg_catalog.format('alter table %s alter column %I set not null', relation, dim.column_name);
  end if;
  return dim_id;
end
$$;

-- What both create_hypertable signatures do: TimescaleDB's checks, then the catalog rows, NOT NULL and default indexes.
create function _timescaledb_functions.kodo_create_hypertable(
  relation regclass,
  dims _timescaledb_internal.dimension_info[],
  create_default_indexes boolean,
  if_not_exists boolean,
  migrate_data boolean,
  associated_schema_name name,
  associated_table_prefix name,
  out hypertable_id integer,
  out created boolean
)
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  rel record;
  ht integer;
  has_rows boolean;
  time_col name := dims[1].column_name;
  space_col name;
  bad record;
begin
  if relation is null then
    raise exception 'relation cannot be NULL' using errcode = '22023';
  end if;
  select c.relname, c.relkind, c.relpersistence, c.relhasrules into rel from pg_catalog.pg_class c where c.oid = relation;
  delete from _timescaledb_catalog.hypertable h
   where not exists (select from pg_catalog.pg_class c where c.oid = h.relid);
  select h.id into ht from _timescaledb_catalog.hypertable h where h.relid = relation;
  if ht is not null then
    if if_not_exists then
      raise notice 'table "%" is already a hypertable, skipping', rel.relname;
      hypertable_id := ht;
      created := false;
      return;
    end if;
    raise exception 'table "%" is already a hypertable', rel.relname using errcode = 'TS110';
  end if;
  if rel.relkind = 'p' then
    raise exception 'table "%" is already partitioned', rel.relname
      using errcode = '42809', detail = 'It is not possible to turn partitioned tables into hypertables.';
  elsif rel.relkind not in ('r', 'm') then
    raise exception 'invalid relation type' using errcode = '42809';
  end if;
  select c.conname, r.relname into bad
    from pg_catalog.pg_constraint c join pg_catalog.pg_class r on r.oid = c.conrelid
   where c.confrelid = relation and c.contype = 'f' limit 1;
  if found then
    raise exception 'cannot have FOREIGN KEY constraints to hypertable "%"', rel.relname
      using errcode = '42P16',
            hint = pg_catalog.format('Remove all FOREIGN KEY constraints to table "%s" before making it a hypertable.', rel.relname);
  end if;
  execute pg_catalog.format('select exists (select from %s)', relation) into has_rows;
  if has_rows and not coalesce(migrate_data, false) then
    raise exception 'table "%" is not empty', rel.relname
      using errcode = '0A000',
            hint = 'You can migrate data by specifying ''migrate_data => true'' when calling this function.';
  end if;
  if exists (select from pg_catalog.pg_inherits i where i.inhrelid = relation or i.inhparent = relation) then
    raise exception 'table "%" is already partitioned', rel.relname
      using errcode = '0A000', detail = 'It is not possible to turn tables that use inheritance into hypertables.';
  end if;
  if rel.relpersistence <> 'p' then
    raise exception 'table "%" has to be logged', rel.relname
      using errcode = '0A000', detail = 'It is not possible to turn temporary or unlogged tables into hypertables.';
  end if;
  if rel.relhasrules then
    raise exception 'hypertables do not support rules'
      using errcode = '0A000',
            detail = pg_catalog.format('Table "%s" has attached rules, which do not work on hypertables.', rel.relname),
            hint = 'Remove the rules before creating a hypertable.';
  end if;
  if dims[1].kind = 'hash' then
    raise exception 'cannot partition using a closed dimension on primary column'
      using errcode = '0A000', hint = 'Use range partitioning on the primary column.';
  end if;

  insert into _timescaledb_catalog.hypertable (relid, associated_schema_name)
  values (relation, coalesce(associated_schema_name, '_timescaledb_internal'))
  returning id into ht;
  update _timescaledb_catalog.hypertable h set associated_table_prefix = coalesce(associated_table_prefix, '_hyper_' || ht)
   where h.id = ht;
  for i in 1 .. pg_catalog.array_length(dims, 1) loop
    perform _timescaledb_functions.kodo_add_dimension(ht, relation, dims[i], false);
    if dims[i].kind = 'hash' and space_col is null then
      space_col := dims[i].column_name;
    end if;
  end loop;

  -- Unique and exclusion indexes must cover every partitioning column.
  select d.column_name into bad
    from _timescaledb_catalog.dimension d, pg_catalog.pg_index x
   where d.hypertable_id = ht and x.indrelid = relation and (x.indisunique or x.indisexclusion)
     and not exists (select from pg_catalog.pg_attribute a
                      where a.attrelid = relation and a.attname = d.column_name and a.attnum = any (x.indkey::smallint[]))
   order by d.id limit 1;
  if found then
    raise exception 'cannot create a unique index without the column "%" (used in partitioning)', bad.column_name
      using errcode = 'TS103';
  end if;

  if coalesce(create_default_indexes, true) then
    if not exists (select from pg_catalog.pg_index x join pg_catalog.pg_attribute a on a.attrelid = relation and a.attnum = x.indkey[0]
                    where x.indrelid = relation and x.indnatts = 1 and a.attname = time_col) then
      execute pg_catalog.format('create index on %s (%I desc)', relation, time_col);
    end if;
    if space_col is not null
       and not exists (select from pg_catalog.pg_index x
                         join pg_catalog.pg_attribute s on s.attrelid = relation and s.attnum = x.indkey[0]
                         join pg_catalog.pg_attribute t on t.attrelid = relation and t.attnum = x.indkey[1]
                        where x.indrelid = relation and x.indnatts = 2 and s.attname = space_col and t.attname = time_col) then
      execute pg_catalog.format('create index on %s (%I, %I desc)', relation, space_col, time_col);
    end if;
  end if;
  if has_rows then
    raise notice 'migrating data to chunks'
      using detail = 'Migration might take a while depending on the amount of data.';
  end if;
  hypertable_id := ht;
  created := true;
end
$$;

create function @extschema@.by_range(
  column_name name,
  partition_interval anyelement = null::bigint,
  partition_func regproc = null
)
returns _timescaledb_internal.dimension_info
language sql
immutable
set search_path = ''
as $$
  select row(column_name, 'range', pg_catalog.pg_typeof(partition_interval)::regtype, partition_interval::text,
             null::integer, partition_func)::_timescaledb_internal.dimension_info;
$$;

create function @extschema@.by_hash(column_name name, number_partitions integer, partition_func regproc = null)
returns _timescaledb_internal.dimension_info
language sql
immutable
set search_path = ''
as $$
  select row(column_name, 'hash', null::regtype, null::text, number_partitions, partition_func)::_timescaledb_internal.dimension_info;
$$;

-- The signature of TimescaleDB 1.x and 2.x, still accepted (deprecated since 2.13).
create function @extschema@.create_hypertable(
  relation regclass,
  time_column_name name,
  partitioning_column name = null,
  number_partitions integer = null,
  associated_schema_name name = null,
  associated_table_prefix name = null,
  chunk_time_interval anyelement = null::bigint,
  create_default_indexes boolean = true,
  if_not_exists boolean = false,
  partitioning_func regproc = null,
  migrate_data boolean = false,
  time_partitioning_func regproc = null
)
returns table (hypertable_id integer, schema_name name, table_name name, created boolean)
language plpgsql
volatile
set search_path = ''
as $$
declare
  dims _timescaledb_internal.dimension_info[];
  r record;
begin
  perform kodo_standins.log_call('timescaledb', 'create_hypertable', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'relation', relation::text, 'time_column_name', time_column_name, 'partitioning_column', partitioning_column,
    'number_partitions', number_partitions, 'chunk_time_interval', chunk_time_interval::text,
    'create_default_indexes', create_default_indexes, 'if_not_exists', if_not_exists, 'migrate_data', migrate_data)));
  if time_column_name is null then
    raise exception 'partition column cannot be NULL' using errcode = '22023';
  end if;
  dims := array[row(time_column_name, 'range', pg_catalog.pg_typeof(chunk_time_interval)::regtype,
                    chunk_time_interval::text, null::integer, time_partitioning_func)::_timescaledb_internal.dimension_info];
  if partitioning_column is not null then
    dims := dims || row(partitioning_column, 'hash', null::regtype, null::text, number_partitions,
                        partitioning_func)::_timescaledb_internal.dimension_info;
  end if;
  select * into r from _timescaledb_functions.kodo_create_hypertable(relation, dims, create_default_indexes,
    if_not_exists, migrate_data, associated_schema_name, associated_table_prefix);
  return query
    select r.hypertable_id, n.nspname, c.relname, r.created
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where c.oid = relation;
end
$$;

-- The signature of TimescaleDB 2.13+: create_hypertable('t', by_range('time', interval '1 day')).
create function @extschema@.create_hypertable(
  relation regclass,
  dimension _timescaledb_internal.dimension_info,
  create_default_indexes boolean = true,
  if_not_exists boolean = false,
  migrate_data boolean = false
)
returns table (hypertable_id integer, created boolean)
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('timescaledb', 'create_hypertable', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'relation', relation::text, 'dimension', pg_catalog.to_jsonb(dimension),
    'create_default_indexes', create_default_indexes, 'if_not_exists', if_not_exists, 'migrate_data', migrate_data)));
  if dimension is null then
    raise exception 'invalid dimension info' using errcode = '22023';
  end if;
  return query
    select k.hypertable_id, k.created
      from _timescaledb_functions.kodo_create_hypertable(relation, array[dimension], create_default_indexes,
             if_not_exists, migrate_data, null, null) k;
end
$$;

-- In a helper, because the input and output columns share a name (column_name), which PL/pgSQL cannot tell apart.
create function _timescaledb_functions.kodo_add_dimension_by_name(
  hypertable regclass,
  col name,
  number_partitions integer,
  chunk_time_interval anyelement,
  partitioning_func regproc,
  if_not_exists boolean
)
returns table (dimension_id integer, schema_name name, table_name name, column_name name, created boolean)
language plpgsql
volatile
set search_path = ''
as $$
#variable_conflict use_variable
declare
  ht integer;
  dim_id integer;
begin
  perform kodo_standins.log_call('timescaledb', 'add_dimension', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'hypertable', hypertable::text, 'column_name', col, 'number_partitions', number_partitions,
    'chunk_time_interval', chunk_time_interval::text, 'if_not_exists', if_not_exists)));
  ht := _timescaledb_functions.kodo_hypertable_id(hypertable);
  if number_partitions is not null and chunk_time_interval is not null then
    raise exception 'cannot specify both the number of partitions and an interval' using errcode = '22023';
  elsif number_partitions is null and chunk_time_interval is null then
    raise exception 'must specify either the number of partitions or an interval' using errcode = '22023';
  end if;
  dim_id := _timescaledb_functions.kodo_add_dimension(ht, hypertable,
    case when number_partitions is not null
         then row(col, 'hash', null::regtype, null::text, number_partitions, partitioning_func)
         else row(col, 'range', pg_catalog.pg_typeof(chunk_time_interval)::regtype, chunk_time_interval::text,
                  null::integer, partitioning_func) end::_timescaledb_internal.dimension_info,
    if_not_exists);
  return query
    select coalesce(dim_id, (select d.id from _timescaledb_catalog.dimension d where d.hypertable_id = ht and d.column_name = col)),
           n.nspname, c.relname, col, dim_id is not null
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where c.oid = hypertable;
end
$$;

create function @extschema@.add_dimension(
  hypertable regclass,
  column_name name,
  number_partitions integer = null,
  chunk_time_interval anyelement = null::bigint,
  partitioning_func regproc = null,
  if_not_exists boolean = false
)
returns table (dimension_id integer, schema_name name, table_name name, column_name name, created boolean)
language sql
volatile
set search_path = ''
as $$
  select * from _timescaledb_functions.kodo_add_dimension_by_name($1, $2, $3, $4, $5, $6);
$$;

create function @extschema@.add_dimension(
  hypertable regclass,
  dimension _timescaledb_internal.dimension_info,
  if_not_exists boolean = false
)
returns table (dimension_id integer, created boolean)
language plpgsql
volatile
set search_path = ''
as $$
declare
  ht integer;
  dim_id integer;
begin
  perform kodo_standins.log_call('timescaledb', 'add_dimension', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'hypertable', hypertable::text, 'dimension', pg_catalog.to_jsonb(dimension), 'if_not_exists', if_not_exists)));
  ht := _timescaledb_functions.kodo_hypertable_id(hypertable);
  dim_id := _timescaledb_functions.kodo_add_dimension(ht, hypertable, dimension, if_not_exists);
  return query
    select coalesce(dim_id, (select d.id from _timescaledb_catalog.dimension d
                              where d.hypertable_id = ht and d.column_name = dimension.column_name)),
           dim_id is not null;
end
$$;

-- The dimension set_chunk_time_interval and set_number_partitions change: the named one, else the only one of its kind.
create function _timescaledb_functions.kodo_find_dimension(hypertable regclass, dim_kind text, dimension_name name)
returns _timescaledb_catalog.dimension
language plpgsql
stable
set search_path = ''
as $$
declare
  ht integer := _timescaledb_functions.kodo_hypertable_id(hypertable);
  found_dims _timescaledb_catalog.dimension[];
begin
  select pg_catalog.array_agg(d order by d.id) into found_dims
    from _timescaledb_catalog.dimension d
   where d.hypertable_id = ht and d.kind = dim_kind and (dimension_name is null or d.column_name = dimension_name);
  if found_dims is null then
    raise exception 'hypertable "%" does not have a matching dimension', (select relname from pg_catalog.pg_class where oid = hypertable)
      using errcode = 'TS001';
  elsif pg_catalog.array_length(found_dims, 1) > 1 then
    raise exception 'hypertable "%" has multiple % dimensions', (select relname from pg_catalog.pg_class where oid = hypertable),
      case dim_kind when 'range' then 'time' else 'space' end
      using errcode = '22023', hint = 'An explicit dimension name must be specified.';
  end if;
  return found_dims[1];
end
$$;

create function @extschema@.set_chunk_time_interval(
  hypertable regclass,
  chunk_time_interval anyelement,
  dimension_name name = null
)
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  d _timescaledb_catalog.dimension;
begin
  perform kodo_standins.log_call('timescaledb', 'set_chunk_time_interval', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'hypertable', hypertable::text, 'chunk_time_interval', chunk_time_interval::text, 'dimension_name', dimension_name)));
  d := _timescaledb_functions.kodo_find_dimension(hypertable, 'range', dimension_name);
  if chunk_time_interval is null then
    raise exception 'invalid interval: an explicit interval must be specified' using errcode = '22023';
  end if;
  update _timescaledb_catalog.dimension
     set interval_length = _timescaledb_functions.kodo_interval(d.column_type, pg_catalog.pg_typeof(chunk_time_interval)::regtype,
                                                              chunk_time_interval::text)
   where id = d.id;
end
$$;

create function @extschema@.set_partitioning_interval(
  hypertable regclass,
  partition_interval anyelement,
  dimension_name name = null
)
returns void
language sql
volatile
set search_path = ''
as $$
  select @extschema@.set_chunk_time_interval(hypertable, partition_interval, dimension_name);
$$;

create function @extschema@.set_number_partitions(hypertable regclass, number_partitions integer, dimension_name name = null)
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  d _timescaledb_catalog.dimension;
begin
  perform kodo_standins.log_call('timescaledb', 'set_number_partitions', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'hypertable', hypertable::text, 'number_partitions', number_partitions, 'dimension_name', dimension_name)));
  d := _timescaledb_functions.kodo_find_dimension(hypertable, 'hash', dimension_name);
  if number_partitions is null or number_partitions < 1 or number_partitions > 32767 then
    raise exception 'invalid number of partitions: must be between 1 and 32767' using errcode = '22023';
  end if;
  update _timescaledb_catalog.dimension set num_slices = number_partitions where id = d.id;
end
$$;

-- No chunks exist here: show_chunks and drop_chunks check the hypertable and return nothing.
create function @extschema@.show_chunks(
  relation regclass,
  older_than anyelement = null::timestamptz,
  newer_than anycompatible = null::timestamptz,
  created_before anycompatiblenonarray = null::timestamptz,
  created_after anycompatiblenonarray = null::timestamptz
)
returns setof regclass
language plpgsql
stable
set search_path = ''
as $$
begin
  perform _timescaledb_functions.kodo_hypertable_id(relation);
end
$$;

create function @extschema@.drop_chunks(
  relation regclass,
  older_than anyelement = null::timestamptz,
  newer_than anycompatible = null::timestamptz,
  verbose boolean = false,
  created_before anycompatiblenonarray = null::timestamptz,
  created_after anycompatiblenonarray = null::timestamptz
)
returns setof text
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('timescaledb', 'drop_chunks', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'relation', relation::text, 'older_than', older_than::text, 'newer_than', newer_than::text,
    'created_before', created_before::text, 'created_after', created_after::text)));
  perform _timescaledb_functions.kodo_hypertable_id(relation);
end
$$;

create function @extschema@.hypertable_size(hypertable regclass)
returns bigint
language sql
stable
set search_path = ''
as $$
  select pg_catalog.pg_total_relation_size(hypertable)
   where exists (select from _timescaledb_catalog.hypertable h where h.relid = hypertable);
$$;

-- time_bucket, as TimescaleDB computes it. Time buckets start at 2000-01-03 (a Monday, so weekly buckets begin on
-- Mondays) unless an origin is given; month buckets count whole months from 2000-01-01; days are 24 hours.
create function _timescaledb_functions.kodo_bucket_months(bucket_width interval, d date, origin date)
returns date
language plpgsql
immutable
strict
set search_path = ''
as $$
declare
  months integer := (pg_catalog.date_part('year', bucket_width) * 12 + pg_catalog.date_part('month', bucket_width))::integer;
  m integer := (pg_catalog.date_part('year', d) * 12 + pg_catalog.date_part('month', d) - 1)::integer;
  o integer := (pg_catalog.date_part('year', origin) * 12 + pg_catalog.date_part('month', origin) - 1)::integer;
  r integer;
begin
  if bucket_width - pg_catalog.make_interval(months => months) <> '0'::interval then
    raise exception 'month intervals cannot have day or time component' using errcode = '22023';
  end if;
  if months <= 0 then
    raise exception 'period must be greater than 0' using errcode = '22023';
  end if;
  r := o + pg_catalog.floor((m - o)::numeric / months)::integer * months;
  return pg_catalog.make_date(pg_catalog.div(r, 12)::integer, r - pg_catalog.div(r, 12)::integer * 12 + 1, 1);
end
$$;

create function _timescaledb_functions.kodo_bucket_is_months(bucket_width interval)
returns boolean
language sql
immutable
strict
set search_path = ''
as $$
  select pg_catalog.date_part('year', bucket_width) <> 0 or pg_catalog.date_part('month', bucket_width) <> 0;
$$;

create function _timescaledb_functions.kodo_check_period(bucket_width interval)
returns interval
language plpgsql
immutable
strict
set search_path = ''
as $$
begin
  if pg_catalog.date_part('epoch', bucket_width) <= 0 then
    raise exception 'period must be greater than 0' using errcode = '22023';
  end if;
  return bucket_width;
end
$$;

create function @extschema@.time_bucket(bucket_width interval, ts timestamp, origin timestamp)
returns timestamp
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select case
    when not pg_catalog.isfinite(ts) then ts
    when _timescaledb_functions.kodo_bucket_is_months(bucket_width)
      then _timescaledb_functions.kodo_bucket_months(bucket_width, ts::date, origin::date)::timestamp
    else pg_catalog.date_bin(_timescaledb_functions.kodo_check_period(bucket_width), ts, origin)
  end;
$$;

create function @extschema@.time_bucket(bucket_width interval, ts timestamp)
returns timestamp
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select case
    when _timescaledb_functions.kodo_bucket_is_months(bucket_width) and pg_catalog.isfinite(ts)
      then _timescaledb_functions.kodo_bucket_months(bucket_width, ts::date, '2000-01-01')::timestamp
    else @extschema@.time_bucket(bucket_width, ts, '2000-01-03 00:00:00'::timestamp)
  end;
$$;

-- Timestamptz buckets are computed in UTC, whatever the session's time zone, as TimescaleDB does.
create function @extschema@.time_bucket(bucket_width interval, ts timestamptz, origin timestamptz)
returns timestamptz
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select @extschema@.time_bucket(bucket_width, ts at time zone 'UTC', origin at time zone 'UTC')
         at time zone 'UTC';
$$;

create function @extschema@.time_bucket(bucket_width interval, ts timestamptz)
returns timestamptz
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select @extschema@.time_bucket(bucket_width, ts at time zone 'UTC') at time zone 'UTC';
$$;

create function _timescaledb_functions.kodo_check_daily(bucket_width interval)
returns interval
language plpgsql
immutable
strict
set search_path = ''
as $$
begin
  if not _timescaledb_functions.kodo_bucket_is_months(bucket_width) then
    if pg_catalog.date_part('epoch', bucket_width) < 86400 then
      raise exception 'interval must not have sub-day precision' using errcode = '0A000';
    elsif pg_catalog.date_part('epoch', bucket_width)::numeric % 86400 <> 0 then
      raise exception 'interval must be a multiple of a day' using errcode = '0A000';
    end if;
  end if;
  return bucket_width;
end
$$;

create function @extschema@.time_bucket(bucket_width interval, ts date, origin date)
returns date
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select @extschema@.time_bucket(_timescaledb_functions.kodo_check_daily(bucket_width), ts::timestamp, origin::timestamp)::date;
$$;

create function @extschema@.time_bucket(bucket_width interval, ts date)
returns date
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select @extschema@.time_bucket(_timescaledb_functions.kodo_check_daily(bucket_width), ts::timestamp)::date;
$$;

create function @extschema@.time_bucket(bucket_width interval, ts timestamp, "offset" interval)
returns timestamp
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select case when pg_catalog.isfinite(ts)
    then @extschema@.time_bucket(bucket_width, ts - "offset") + "offset" else ts end;
$$;

create function @extschema@.time_bucket(bucket_width interval, ts timestamptz, "offset" interval)
returns timestamptz
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select case when pg_catalog.isfinite(ts)
    then @extschema@.time_bucket(bucket_width, ts - "offset") + "offset" else ts end;
$$;

create function @extschema@.time_bucket(bucket_width interval, ts date, "offset" interval)
returns date
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select case when pg_catalog.isfinite(ts)
    then (@extschema@.time_bucket(bucket_width, (ts - "offset")::date) + "offset")::date else ts end;
$$;

-- Buckets in a named time zone: local wall-clock time is bucketed, then converted back.
create function @extschema@.time_bucket(
  bucket_width interval,
  ts timestamptz,
  timezone text,
  origin timestamptz = null,
  "offset" interval = null
)
returns timestamptz
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when bucket_width is null or ts is null or timezone is null then null else
    (case when origin is null
          then @extschema@.time_bucket(bucket_width, (ts at time zone timezone) - coalesce("offset", '0'::interval))
          else @extschema@.time_bucket(bucket_width, (ts at time zone timezone) - coalesce("offset", '0'::interval),
                                       origin at time zone timezone)
     end + coalesce("offset", '0'::interval)) at time zone timezone
  end;
$$;

create function _timescaledb_functions.kodo_int_bucket(bucket_width bigint, ts bigint, "offset" bigint)
returns bigint
language plpgsql
immutable
strict
set search_path = ''
as $$
begin
  if bucket_width <= 0 then
    raise exception 'period must be greater than 0' using errcode = '22023';
  end if;
  return (pg_catalog.floor((ts::numeric - "offset") / bucket_width) * bucket_width + "offset")::bigint;
end
$$;

create function @extschema@.time_bucket(bucket_width smallint, ts smallint)
returns smallint language sql immutable strict parallel safe set search_path = ''
as $$ select _timescaledb_functions.kodo_int_bucket(bucket_width, ts, 0)::smallint; $$;

create function @extschema@.time_bucket(bucket_width integer, ts integer)
returns integer language sql immutable strict parallel safe set search_path = ''
as $$ select _timescaledb_functions.kodo_int_bucket(bucket_width, ts, 0)::integer; $$;

create function @extschema@.time_bucket(bucket_width bigint, ts bigint)
returns bigint language sql immutable strict parallel safe set search_path = ''
as $$ select _timescaledb_functions.kodo_int_bucket(bucket_width, ts, 0); $$;

create function @extschema@.time_bucket(bucket_width smallint, ts smallint, "offset" smallint)
returns smallint language sql immutable strict parallel safe set search_path = ''
as $$ select _timescaledb_functions.kodo_int_bucket(bucket_width, ts, "offset")::smallint; $$;

create function @extschema@.time_bucket(bucket_width integer, ts integer, "offset" integer)
returns integer language sql immutable strict parallel safe set search_path = ''
as $$ select _timescaledb_functions.kodo_int_bucket(bucket_width, ts, "offset")::integer; $$;

create function @extschema@.time_bucket(bucket_width bigint, ts bigint, "offset" bigint)
returns bigint language sql immutable strict parallel safe set search_path = ''
as $$ select _timescaledb_functions.kodo_int_bucket(bucket_width, ts, "offset"); $$;

-- Refused by the Apache build Supabase ships (TimescaleDB's "community" features): the same error as there.
create function _timescaledb_functions.kodo_not_apache(function_name text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'function "%" is not supported under the current "apache" license', function_name
    using errcode = '0A000', hint = 'Upgrade your license to ''timescale'' to use this free community feature.';
end
$$;

create function @extschema@.add_retention_policy(
  relation regclass,
  drop_after anyelement = null::interval,
  if_not_exists boolean = false,
  schedule_interval interval = null,
  initial_start timestamptz = null,
  timezone text = null,
  drop_created_before interval = null
)
returns integer language plpgsql volatile set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('add_retention_policy'); return null; end $$;

create function @extschema@.remove_retention_policy(relation regclass, if_exists boolean = false)
returns void language plpgsql volatile strict set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('remove_retention_policy'); end $$;

create function @extschema@.add_compression_policy(
  hypertable regclass,
  compress_after anyelement = null::interval,
  if_not_exists boolean = false,
  schedule_interval interval = null,
  initial_start timestamptz = null,
  timezone text = null,
  compress_created_before interval = null
)
returns integer language plpgsql volatile set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('add_compression_policy'); return null; end $$;

create function @extschema@.remove_compression_policy(hypertable regclass, if_exists boolean = false)
returns boolean language plpgsql volatile strict set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('remove_compression_policy'); return null; end $$;

create function @extschema@.add_reorder_policy(
  hypertable regclass,
  index_name name,
  if_not_exists boolean = false,
  initial_start timestamptz = null,
  timezone text = null
)
returns integer language plpgsql volatile set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('add_reorder_policy'); return null; end $$;

create function @extschema@.remove_reorder_policy(hypertable regclass, if_exists boolean = false)
returns void language plpgsql volatile strict set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('remove_reorder_policy'); end $$;

create function @extschema@.add_continuous_aggregate_policy(
  continuous_aggregate regclass,
  start_offset anyelement,
  end_offset anycompatible,
  schedule_interval interval,
  if_not_exists boolean = false,
  initial_start timestamptz = null,
  timezone text = null
)
returns integer language plpgsql volatile set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('add_continuous_aggregate_policy'); return null; end $$;

create function @extschema@.remove_continuous_aggregate_policy(
  continuous_aggregate regclass,
  if_not_exists boolean = false,
  if_exists boolean = null
)
returns void language plpgsql volatile set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('remove_continuous_aggregate_policy'); end $$;

create procedure @extschema@.refresh_continuous_aggregate(
  continuous_aggregate regclass,
  window_start anyelement,
  window_end anycompatible,
  force boolean = false
)
language plpgsql set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('refresh_continuous_aggregate'); end $$;

create function @extschema@.compress_chunk(uncompressed_chunk regclass, if_not_compressed boolean = true, recompress boolean = false)
returns regclass language plpgsql volatile set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('compress_chunk'); return null; end $$;

create function @extschema@.decompress_chunk(uncompressed_chunk regclass, if_compressed boolean = true)
returns regclass language plpgsql volatile set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('decompress_chunk'); return null; end $$;

create function @extschema@.add_job(
  proc regproc,
  schedule_interval interval,
  config jsonb = null,
  initial_start timestamptz = null,
  scheduled boolean = true,
  check_config regproc = null,
  fixed_schedule boolean = true,
  timezone text = null
)
returns integer language plpgsql volatile set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('add_job'); return null; end $$;

create function @extschema@.delete_job(job_id integer)
returns void language plpgsql volatile strict set search_path = ''
as $$ begin perform _timescaledb_functions.kodo_not_apache('delete_job'); end $$;
