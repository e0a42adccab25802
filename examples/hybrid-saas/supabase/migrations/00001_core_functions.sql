-- Migration: functions shared by every service (bootstrap range 00000-00099)
-- Purpose: the updated_at trigger function and the RLS helper that reads the caller's organization.
-- Both pin `search_path = ''` so that no object in a caller's search path can hijack them.

-- Keeps updated_at current on every update; attached per table by each service's behaviour migration.
create or replace function public.handle_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

comment on function public.handle_updated_at() is
  'Trigger function: sets updated_at to now() before each update.';

-- The organization the caller acts for, from the org_id claim of their JWT (null when absent).
-- Policies call it as (select public.get_org_id()) so Postgres evaluates it once per statement.
create or replace function public.get_org_id()
returns uuid
language sql
stable
set search_path = ''
as $$
  select nullif(
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'org_id',
    ''
  )::uuid;
$$;

comment on function public.get_org_id() is
  'RLS helper: the org_id claim of the current request''s JWT, or null.';
