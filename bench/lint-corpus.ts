// The migrations `npm run bench:lint` lints (and test/lint/corpus.test.ts checks): six shapes real projects are
// made of, repeated over numbered tables: a table with FKs and indexes, its RLS and four policies, a trigger
// function, added columns with a backfill, a concurrent index, and a security-invoker view.

/** `2024…_migration_<n>.sql`: 14-digit versions in order. */
export function generatedMigrationName(n: number): string {
  return `2024${String(10_000_000_000 + n).slice(1)}_migration_${n}.sql`;
}

/** One of six migration shapes real projects are made of, chosen by the file number. */
export function generatedMigration(n: number): string {
  const t = Math.floor(n / 6);
  const table = `public.entity_${t}`;
  switch (n % 6) {
    case 0:
      return `-- Entity ${t}: rows owned by a user.
create table ${table} (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id) on delete cascade,
  ${t > 0 ? `parent_id uuid references public.entity_${t - 1} (id) on delete set null,` : ''}
  title text not null check (char_length(title) between 1 and 200),
  status text not null default 'draft',
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table ${table} is 'Entity ${t} owned by a user.';
create index entity_${t}_owner_id_idx on ${table} (owner_id);
${t > 0 ? `create index entity_${t}_parent_id_idx on ${table} (parent_id);` : ''}
create index entity_${t}_status_created_idx on ${table} (status, created_at desc);
`;
    case 1:
      return `alter table ${table} enable row level security;
create policy "entity_${t} select own" on ${table} for select to authenticated using ((select auth.uid()) = owner_id);
create policy "entity_${t} insert own" on ${table} for insert to authenticated with check ((select auth.uid()) = owner_id);
create policy "entity_${t} update own" on ${table} for update to authenticated
  using ((select auth.uid()) = owner_id) with check ((select auth.uid()) = owner_id);
create policy "entity_${t} delete own" on ${table} for delete to authenticated using ((select auth.uid()) = owner_id);
`;
    case 2:
      return `create or replace function public.entity_${t}_touch() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  new.updated_at := now();
  if new.status not in ('draft', 'published', 'archived') then
    raise exception 'invalid status %', new.status;
  end if;
  return new;
end;
$$;
create trigger entity_${t}_touch before update on ${table}
  for each row execute function public.entity_${t}_touch();
`;
    case 3:
      return `alter table ${table} add column if not exists archived_at timestamptz;
alter table ${table} add column if not exists priority integer not null default 0;
update ${table} set priority = 1 where status = 'published';
`;
    case 4:
      return `create index concurrently if not exists entity_${t}_archived_idx on ${table} (archived_at) where archived_at is not null;
`;
    default:
      return `create or replace view public.entity_${t}_summary with (security_invoker = on) as
  select owner_id, status, count(*) as total, max(updated_at) as last_change
  from ${table}
  group by owner_id, status;
revoke all on public.entity_${t}_summary from anon;
`;
  }
}
