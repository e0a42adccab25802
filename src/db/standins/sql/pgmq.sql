-- kodo stand-in for pgmq 1.4: the pgmq schema, per-queue tables and functions with pgmq's signatures; messages stay in local tables.
create table pgmq.meta (
  queue_name varchar unique not null,
  is_partitioned boolean not null,
  is_unlogged boolean not null,
  created_at timestamptz not null default pg_catalog.now()
);

create type pgmq.message_record as (
  msg_id bigint,
  read_ct integer,
  enqueued_at timestamptz,
  vt timestamptz,
  message jsonb
);

create type pgmq.queue_record as (
  queue_name varchar,
  is_partitioned boolean,
  is_unlogged boolean,
  created_at timestamptz
);

create type pgmq.metrics_result as (
  queue_name text,
  queue_length bigint,
  newest_msg_age_sec integer,
  oldest_msg_age_sec integer,
  total_messages bigint,
  scrape_time timestamptz
);

create function pgmq._kodo_table(queue_name text, prefix text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  if queue_name !~ '^[A-Za-z0-9_]+$' or pg_catalog.length(queue_name) > 47 then
    raise exception 'invalid queue name "%": use letters, digits and _ (at most 47 characters)', queue_name;
  end if;
  return pg_catalog.format('pgmq.%I', prefix || '_' || pg_catalog.lower(queue_name));
end
$$;

create function pgmq._kodo_create(queue_name text, partitioned boolean, unlogged boolean)
returns void
language plpgsql
set search_path = ''
as $$
begin
  execute pg_catalog.format(
    'create %s table if not exists %s (msg_id bigint primary key generated always as identity, read_ct integer default 0 not null, enqueued_at timestamptz default now() not null, vt timestamptz not null, message jsonb)',
    case when unlogged then 'unlogged' else '' end, pgmq._kodo_table(queue_name, 'q'));
  execute pg_catalog.format(
    'create table if not exists %s (msg_id bigint primary key, read_ct integer default 0 not null, enqueued_at timestamptz default now() not null, archived_at timestamptz default now() not null, vt timestamptz not null, message jsonb)',
    pgmq._kodo_table(queue_name, 'a'));
  insert into pgmq.meta (queue_name, is_partitioned, is_unlogged)
  values (queue_name, partitioned, unlogged)
  on conflict on constraint meta_queue_name_key do nothing;
end
$$;

create function pgmq.create(queue_name text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'create', pg_catalog.jsonb_build_object('queue_name', queue_name));
  perform pgmq._kodo_create(queue_name, false, false);
end
$$;

create function pgmq.create_non_partitioned(queue_name text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'create_non_partitioned', pg_catalog.jsonb_build_object('queue_name', queue_name));
  perform pgmq._kodo_create(queue_name, false, false);
end
$$;

create function pgmq.create_unlogged(queue_name text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'create_unlogged', pg_catalog.jsonb_build_object('queue_name', queue_name));
  perform pgmq._kodo_create(queue_name, false, true);
end
$$;

create function pgmq.create_partitioned(
  queue_name text,
  partition_interval text default '10000',
  retention_interval text default '100000'
)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'create_partitioned', pg_catalog.jsonb_build_object(
    'queue_name', queue_name, 'partition_interval', partition_interval, 'retention_interval', retention_interval));
  perform pgmq._kodo_create(queue_name, true, false);
end
$$;

create function pgmq.drop_queue(queue_name text)
returns boolean
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'drop_queue', pg_catalog.jsonb_build_object('queue_name', queue_name));
  execute pg_catalog.format('drop table if exists %s', pgmq._kodo_table(queue_name, 'q'));
  execute pg_catalog.format('drop table if exists %s', pgmq._kodo_table(queue_name, 'a'));
  delete from pgmq.meta m where m.queue_name = drop_queue.queue_name;
  return true;
end
$$;

create function pgmq.list_queues()
returns setof pgmq.queue_record
language sql
set search_path = ''
as $$
  select queue_name, is_partitioned, is_unlogged, created_at from pgmq.meta
$$;

create function pgmq.send(queue_name text, msg jsonb, delay integer default 0)
returns setof bigint
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'send', pg_catalog.jsonb_build_object('queue_name', queue_name, 'msg', msg, 'delay', delay));
  return query execute pg_catalog.format(
    'insert into %s (vt, message) values (now() + make_interval(secs => $1), $2) returning msg_id',
    pgmq._kodo_table(queue_name, 'q')) using delay, msg;
end
$$;

create function pgmq.send_batch(queue_name text, msgs jsonb[], delay integer default 0)
returns setof bigint
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'send_batch', pg_catalog.jsonb_build_object('queue_name', queue_name, 'msgs', msgs, 'delay', delay));
  return query execute pg_catalog.format(
    'insert into %s (vt, message) select now() + make_interval(secs => $1), unnest($2) returning msg_id',
    pgmq._kodo_table(queue_name, 'q')) using delay, msgs;
end
$$;

create function pgmq.read(queue_name text, vt integer, qty integer)
returns setof pgmq.message_record
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'read', pg_catalog.jsonb_build_object('queue_name', queue_name, 'vt', vt, 'qty', qty));
  return query execute pg_catalog.format(
    'with picked as (select msg_id from %1$s where vt <= clock_timestamp() order by msg_id limit $2 for update skip locked)
     update %1$s m set vt = clock_timestamp() + make_interval(secs => $1), read_ct = read_ct + 1
     from picked where m.msg_id = picked.msg_id
     returning m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message',
    pgmq._kodo_table(queue_name, 'q')) using vt, qty;
end
$$;

create function pgmq.read_with_poll(
  queue_name text,
  vt integer,
  qty integer,
  max_poll_seconds integer default 5,
  poll_interval_ms integer default 100
)
returns setof pgmq.message_record
language sql
set search_path = ''
as $$
  select * from pgmq.read($1, $2, $3)
$$;

create function pgmq.pop(queue_name text)
returns setof pgmq.message_record
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'pop', pg_catalog.jsonb_build_object('queue_name', queue_name));
  return query execute pg_catalog.format(
    'with picked as (select msg_id from %1$s where vt <= clock_timestamp() order by msg_id limit 1 for update skip locked)
     delete from %1$s m using picked where m.msg_id = picked.msg_id
     returning m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message',
    pgmq._kodo_table(queue_name, 'q'));
end
$$;

create function pgmq.set_vt(queue_name text, msg_id bigint, vt_offset integer)
returns setof pgmq.message_record
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'set_vt', pg_catalog.jsonb_build_object('queue_name', queue_name, 'msg_id', msg_id, 'vt_offset', vt_offset));
  return query execute pg_catalog.format(
    'update %s set vt = clock_timestamp() + make_interval(secs => $2) where msg_id = $1
     returning msg_id, read_ct, enqueued_at, vt, message',
    pgmq._kodo_table(queue_name, 'q')) using msg_id, vt_offset;
end
$$;

create function pgmq.archive(queue_name text, msg_ids bigint[])
returns setof bigint
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'archive', pg_catalog.jsonb_build_object('queue_name', queue_name, 'msg_ids', msg_ids));
  return query execute pg_catalog.format(
    'with archived as (delete from %s where msg_id = any($1) returning msg_id, vt, read_ct, enqueued_at, message)
     insert into %s (msg_id, vt, read_ct, enqueued_at, message) select msg_id, vt, read_ct, enqueued_at, message from archived
     returning msg_id',
    pgmq._kodo_table(queue_name, 'q'), pgmq._kodo_table(queue_name, 'a')) using msg_ids;
end
$$;

create function pgmq.archive(queue_name text, msg_id bigint)
returns boolean
language sql
set search_path = ''
as $$
  select exists (select 1 from pgmq.archive($1, array[$2]))
$$;

create function pgmq.delete(queue_name text, msg_ids bigint[])
returns setof bigint
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pgmq', 'delete', pg_catalog.jsonb_build_object('queue_name', queue_name, 'msg_ids', msg_ids));
  return query execute pg_catalog.format('delete from %s where msg_id = any($1) returning msg_id',
    pgmq._kodo_table(queue_name, 'q')) using msg_ids;
end
$$;

create function pgmq.delete(queue_name text, msg_id bigint)
returns boolean
language sql
set search_path = ''
as $$
  select exists (select 1 from pgmq.delete($1, array[$2]))
$$;

create function pgmq.purge_queue(queue_name text)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  deleted bigint;
begin
  perform kodo_standins.log_call('pgmq', 'purge_queue', pg_catalog.jsonb_build_object('queue_name', queue_name));
  execute pg_catalog.format('with d as (delete from %s returning 1) select count(*) from d', pgmq._kodo_table(queue_name, 'q'))
    into deleted;
  return deleted;
end
$$;

create function pgmq.metrics(queue_name text)
returns pgmq.metrics_result
language plpgsql
set search_path = ''
as $$
declare
  result pgmq.metrics_result;
begin
  execute pg_catalog.format(
    -- total_messages counts every message ever sent, as pgmq reads it from the queue's msg_id sequence.
    'select $1, count(*), extract(epoch from now() - max(enqueued_at))::int, extract(epoch from now() - min(enqueued_at))::int,
            coalesce(pg_catalog.pg_sequence_last_value(pg_catalog.pg_get_serial_sequence(%L, ''msg_id'')), 0), now() from %s',
    pgmq._kodo_table(queue_name, 'q'), pgmq._kodo_table(queue_name, 'q')) into result using queue_name;
  return result;
end
$$;

create function pgmq.metrics_all()
returns setof pgmq.metrics_result
language sql
set search_path = ''
as $$
  select (pgmq.metrics(queue_name)).* from pgmq.meta
$$;

grant usage on schema pgmq to public;
