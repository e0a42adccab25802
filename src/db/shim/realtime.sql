-- Supabase Realtime's objects that migrations touch (github.com/supabase/realtime,
-- lib/realtime/tenants/repo/migrations/*.ex): the supabase_realtime publication, the enums and composite types,
-- realtime.subscription, realtime.schema_migrations, realtime.messages (partitioned by inserted_at as on Supabase,
-- with a default partition standing in for the daily ones the service creates), topic(), send(),
-- broadcast_changes(), to_regrole(), check_equality_op() and list_changes() (no logical decoding here: no rows).
-- kodo's copy is told apart by the comment on the schema (last line). Idempotent over an older kodo shim.
do $kodo$
begin
  if not exists (select from pg_catalog.pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
exception when duplicate_object then
  -- Created by another session at the same moment.
end
$kodo$;

create schema if not exists realtime;
grant usage on schema realtime to postgres, anon, authenticated, service_role;

do $kodo$
begin
  if pg_catalog.to_regtype('realtime.action') is null then
    create type realtime.action as enum ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');
  end if;
  if pg_catalog.to_regtype('realtime.equality_op') is null then
    create type realtime.equality_op as enum (
      'eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'like', 'ilike', 'is', 'match', 'imatch', 'isdistinct');
  end if;
  if pg_catalog.to_regtype('realtime.user_defined_filter') is null then
    create type realtime.user_defined_filter as (column_name text, op realtime.equality_op, value text, negate boolean);
  end if;
  if pg_catalog.to_regtype('realtime.wal_column') is null then
    create type realtime.wal_column as (
      name text, type_name text, type_oid oid, value jsonb, is_pkey boolean, is_selectable boolean);
  end if;
  if pg_catalog.to_regtype('realtime.wal_rls') is null then
    create type realtime.wal_rls as (wal jsonb, is_rls_enabled boolean, subscription_ids uuid[], errors text[]);
  end if;
end
$kodo$;

create table if not exists realtime.schema_migrations (
  version bigint not null,
  inserted_at timestamp(0) without time zone,
  constraint schema_migrations_pkey primary key (version)
);

create or replace function realtime.to_regrole(role_name text)
returns regrole
language sql immutable
as $$ select role_name::regrole $$;

create table if not exists realtime.subscription (
  id bigint not null generated always as identity,
  subscription_id uuid not null,
  entity regclass not null,
  filters realtime.user_defined_filter[] not null default '{}',
  claims jsonb not null,
  claims_role regrole not null generated always as (realtime.to_regrole(claims ->> 'role')) stored,
  created_at timestamp without time zone not null default timezone('utc', now()),
  action_filter text default '*',
  selected_columns text[],
  constraint pk_subscription primary key (id),
  constraint subscription_action_filter_check check (action_filter in ('*', 'INSERT', 'UPDATE', 'DELETE'))
);
create index if not exists ix_realtime_subscription_entity on realtime.subscription (entity);
create unique index if not exists subscription_subscription_id_entity_filters_action_filter_selected_columns_key
  on realtime.subscription (subscription_id, entity, filters, action_filter, coalesce(selected_columns, '{}'));

-- 20241030150047_messages_partitioning, 20241108114728_messages_using_uuid, 20260514120000 (binary_payload).
create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone not null default now(),
  inserted_at timestamp without time zone not null default now(),
  id uuid not null default gen_random_uuid(),
  binary_payload bytea,
  constraint messages_pkey primary key (id, inserted_at)
) partition by range (inserted_at);
-- An older kodo shim made messages a plain table: it stays one, and gets the newer column.
alter table realtime.messages add column if not exists binary_payload bytea;
do $kodo$
begin
  if (select relkind from pg_catalog.pg_class where oid = 'realtime.messages'::regclass) = 'p'
     and pg_catalog.to_regclass('realtime.messages_default') is null then
    create table realtime.messages_default partition of realtime.messages default;
    comment on table realtime.messages_default is
      'kodo: holds every message; the Realtime service creates one partition a day instead';
  end if;
end
$kodo$;
alter table realtime.messages enable row level security;
create index if not exists messages_inserted_at_topic_index on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
grant select, insert, update on realtime.messages to postgres, anon, authenticated, service_role;

create or replace function realtime.topic()
returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;

-- 20251103001201_broadcast_send_include_payload_id: the payload gets an id; a failure is a warning, never an error.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  generated_id uuid := gen_random_uuid();
  final_payload jsonb;
begin
  begin
    final_payload := case when payload ? 'id' then payload else jsonb_set(payload, '{id}', to_jsonb(generated_id)) end;
    execute format('set local realtime.topic to %L', topic);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end
$$;

create or replace function realtime.broadcast_changes(
  topic_name text,
  event_name text,
  operation text,
  table_name text,
  table_schema text,
  new record,
  old record,
  level text default 'ROW'
)
returns void
language plpgsql
as $$
declare
  row_data jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation in ('INSERT', 'UPDATE', 'DELETE') then
    row_data := jsonb_build_object(
      'old_record', case when old is null then null else to_jsonb(old) end,
      'record', case when new is null then null else to_jsonb(new) end,
      'operation', operation, 'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
exception when others then
  raise exception 'Failed to process the row: %', sqlerrm;
end
$$;

-- Compares two values as the subscription filters do (eq … gte, in, like, ilike, is, match, imatch, isdistinct).
create or replace function realtime.check_equality_op(
  op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean default false)
returns boolean
language plpgsql immutable
as $$
declare
  result boolean;
begin
  if op = 'in' then
    execute format('select %L::%s = any(%L::%s[])', val_1, type_, val_2, type_) into result;
  elsif op = 'is' then
    result := case lower(val_2) when 'null' then val_1 is null when 'true' then val_1::boolean is true
      when 'false' then val_1::boolean is false else val_1 is null end;
  elsif op = 'isdistinct' then
    execute format('select %L::%s is distinct from %L::%s', val_1, type_, val_2, type_) into result;
  elsif op in ('like', 'ilike') then
    execute format('select %L::text %s %L', val_1, case op when 'like' then 'like' else 'ilike' end, val_2) into result;
  elsif op in ('match', 'imatch') then
    execute format('select %L::text %s %L', val_1, case op when 'match' then '~' else '~*' end, val_2) into result;
  else
    execute format('select %L::%s %s %L::%s', val_1, type_,
      case op when 'eq' then '=' when 'neq' then '!=' when 'lt' then '<' when 'lte' then '<=' when 'gt' then '>'
        else '>=' end, val_2, type_) into result;
  end if;
  return case when negate then not result else result end;
end
$$;

-- Reads WAL changes through a logical replication slot on Supabase; there is none here.
create or replace function realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer)
returns setof realtime.wal_rls
language sql
as $$ select null::jsonb, null::boolean, null::uuid[], null::text[] where false $$;

do $kodo$
declare
  name text;
begin
  foreach name in array array['messages', 'subscription', 'schema_migrations'] loop
    execute pg_catalog.format('alter table realtime.%I owner to supabase_realtime_admin', name);
  end loop;
  if pg_catalog.to_regclass('realtime.messages_default') is not null then
    alter table realtime.messages_default owner to supabase_realtime_admin;
  end if;
  foreach name in array array['action', 'equality_op', 'user_defined_filter', 'wal_column', 'wal_rls'] loop
    execute pg_catalog.format('alter type realtime.%I owner to supabase_realtime_admin', name);
  end loop;
end
$kodo$;
alter function realtime.topic() owner to supabase_realtime_admin;
alter function realtime.send(jsonb, text, text, boolean) owner to supabase_realtime_admin;
alter function realtime.broadcast_changes(text, text, text, text, text, record, record, text) owner to supabase_realtime_admin;
alter function realtime.to_regrole(text) owner to supabase_realtime_admin;
alter function realtime.check_equality_op(realtime.equality_op, regtype, text, text, boolean) owner to supabase_realtime_admin;
alter function realtime.list_changes(name, name, integer, integer) owner to supabase_realtime_admin;
alter schema realtime owner to supabase_admin;
grant all on schema realtime to supabase_realtime_admin;

-- kodo's mark (read by src/db/shim/index.ts).
comment on schema realtime is 'kodo shim 2: Supabase Realtime objects installed by kodo so that migrations apply';
