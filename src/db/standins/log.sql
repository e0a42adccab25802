-- kodo's log of calls made to extension stand-ins (embedded database only; never created on a real server).
create schema if not exists kodo_standins;
comment on schema kodo_standins is 'kodo: calls made to stand-ins of Supabase extensions that PGlite lacks.';

create table if not exists kodo_standins.calls (
  id bigint generated always as identity primary key,
  extension text not null,
  function text not null,
  args jsonb not null default '{}'::jsonb,
  at timestamptz not null default pg_catalog.now()
);

-- security definer: stand-ins are called from triggers and policies running as anon or authenticated.
create or replace function kodo_standins.log_call(extension text, function_name text, args jsonb)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  insert into kodo_standins.calls (extension, function, args) values ($1, $2, coalesce($3, '{}'::jsonb));
$$;

grant usage on schema kodo_standins to public;
grant select on kodo_standins.calls to public;
