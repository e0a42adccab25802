-- Supabase database webhooks (supabase/postgres, the supabase_functions schema the dashboard's "Database
-- Webhooks" install): supabase_functions.hooks, .migrations and http_request(), the trigger function that dumps
-- of Supabase projects reference. kodo's copy is told apart by the comment on the schema (last line).
create schema if not exists supabase_functions;
grant usage on schema supabase_functions to postgres, anon, authenticated, service_role;

create table if not exists supabase_functions.migrations (
  version text not null,
  inserted_at timestamptz not null default now(),
  constraint migrations_pkey primary key (version)
);

create table if not exists supabase_functions.hooks (
  id bigserial,
  hook_table_id integer not null,
  hook_name text not null,
  created_at timestamptz not null default now(),
  request_id bigint,
  constraint hooks_pkey primary key (id)
);
comment on table supabase_functions.hooks is 'Supabase Functions Hooks: Audit trail for triggered hooks.';
create index if not exists supabase_functions_hooks_request_id_idx on supabase_functions.hooks (request_id);
create index if not exists supabase_functions_hooks_h_table_id_h_name_idx
  on supabase_functions.hooks (hook_table_id, hook_name);

-- Supabase's version queues the request with pg_net; here it is recorded (on the embedded database) and not sent.
create or replace function supabase_functions.http_request()
returns trigger
language plpgsql
security definer
set search_path = supabase_functions
as $$
begin
  if pg_catalog.to_regprocedure('kodo_standins.log_call(text,text,jsonb)') is not null then
    execute 'select kodo_standins.log_call($1, $2, $3)'
      using 'supabase_functions', 'http_request', pg_catalog.jsonb_build_object(
        'url', tg_argv[0], 'method', tg_argv[1], 'table', tg_table_schema || '.' || tg_table_name, 'op', tg_op);
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end
$$;

alter table supabase_functions.migrations owner to supabase_functions_admin;
alter table supabase_functions.hooks owner to supabase_functions_admin;
alter function supabase_functions.http_request() owner to supabase_functions_admin;
alter schema supabase_functions owner to supabase_functions_admin;
grant all on all tables in schema supabase_functions to postgres, service_role;
grant all on all sequences in schema supabase_functions to postgres, service_role;

-- kodo's mark (read by src/db/shim/index.ts).
comment on schema supabase_functions is 'kodo shim 2: Supabase database webhook objects installed by kodo so that migrations apply';
