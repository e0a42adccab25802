// A small schema with one of everything the catalog readers describe, shared by the catalog suites.
import { randomBytes } from 'node:crypto';

/** Roles belong to the whole server: each run names its own, and DROP_CATALOG_ROLE removes it. */
export const CATALOG_ROLE = `kodo_catalog_${randomBytes(4).toString('hex')}`;

export const DROP_CATALOG_ROLE = `drop owned by ${CATALOG_ROLE}; drop role ${CATALOG_ROLE};`;

export const CATALOG_SCHEMA = `
create type public.task_status as enum ('todo', 'doing', 'done');
alter type public.task_status add value 'blocked' before 'done';
create domain public.short_text as varchar(10) check (value <> '');

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug varchar(40) not null unique check (slug ~ '^[a-z0-9-]+$')
);

create table public.members (
  org_id uuid not null references public.organizations (id),
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  primary key (org_id, user_id)
);

create table public.tasks (
  id bigint generated always as identity primary key,
  dropped_soon text,
  org_id uuid not null references public.organizations (id),
  title public.short_text not null,
  status public.task_status not null default 'todo',
  tags text[] not null default '{}',
  labels public.task_status[],
  priority int check (priority between 1 and 5),
  code char(3),
  n serial,
  search tsvector generated always as (to_tsvector('simple', title)) stored
);
alter table public.tasks drop column dropped_soon;
create unique index tasks_org_title on public.tasks (org_id, title);
create unique index tasks_lower_title on public.tasks (lower(title));
create unique index tasks_code on public.tasks (code) where code is not null;
create unique index tasks_org_code on public.tasks (org_id, code) include (title);

create view public.open_tasks as select id, title from public.tasks where status <> 'done';
create materialized view public.task_counts as select org_id, count(*) as n from public.tasks group by org_id;

create table public.events (id bigint, at timestamptz not null) partition by range (at);
create table public.events_2024 partition of public.events for values from ('2024-01-01') to ('2025-01-01');

create table public.ext_owned (id int);
alter extension "uuid-ossp" add table public.ext_owned;

create schema private;
create table private.secrets (id int primary key, member_org uuid, member_user uuid,
  foreign key (member_org, member_user) references public.members (org_id, user_id));

alter table public.tasks enable row level security;
alter table public.members enable row level security;
alter table public.members force row level security;

create policy "members read tasks" on public.tasks for select to authenticated, anon
  using (org_id in (select org_id from public.members where user_id = auth.uid()));
create policy "admins write" on public.tasks as restrictive for insert to authenticated
  with check (status = 'todo');
create policy "anyone" on public.members using (true);
create policy "edit own" on public.members for update to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());
create policy "no deletes" on public.members for delete to service_role using (false);

revoke all on public.organizations from anon, authenticated;
grant select on public.organizations to authenticated;
revoke all on public.members from anon, authenticated;
grant select on public.members to public;
create role ${CATALOG_ROLE};
grant ${CATALOG_ROLE} to anon;
grant insert, update on public.members to ${CATALOG_ROLE};
`;
