-- Supabase database webhooks: supabase_functions.http_request(), the trigger function dumps of Supabase projects reference.
create schema if not exists supabase_functions;
grant usage on schema supabase_functions to postgres, anon, authenticated, service_role;

create table if not exists supabase_functions.hooks (
  id bigserial primary key,
  hook_table_id integer not null,
  hook_name text not null,
  created_at timestamptz not null default now(),
  request_id bigint
);

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
