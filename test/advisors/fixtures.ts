// SQL fixtures for the catalog advisors: for each check, migrations that make it fire and migrations that keep it
// quiet. Written for these tests; every object lives in public unless the case is about another schema.
import type { Files } from './helpers.js';

export interface CheckCase {
  rule: string;
  fires: Files;
  clean: Files;
  /** The API schemas, when the case needs more than public. */
  apiSchemas?: string[];
}

export const SECURITY: CheckCase[] = [
  {
    rule: 'auth-users-exposed',
    fires: {
      '001_people.sql': `create view public.people as
  select u.id, u.email from auth.users u;`,
    },
    clean: {
      '001_people.sql': `create view public.people as
  select u.id, u.email from auth.users u;
revoke all on public.people from anon, authenticated;`,
    },
  },
  {
    rule: 'policy-exists-rls-disabled',
    fires: {
      '001_books.sql': 'create table public.books (id bigint primary key, title text not null);',
      '002_books_policy.sql': `create policy "books readable" on public.books for select to authenticated
  using (true);`,
    },
    clean: {
      '001_books.sql': `create table public.books (id bigint primary key, title text not null);
alter table public.books enable row level security;`,
      '002_books_policy.sql': `create policy "books readable" on public.books for select to authenticated
  using (true);`,
    },
  },
  {
    rule: 'rls-enabled-no-policy',
    fires: {
      '001_ledger.sql': `create table public.ledger (id bigint primary key, amount numeric not null);
alter table public.ledger enable row level security;`,
    },
    clean: {
      '001_ledger.sql': `create table public.ledger (id bigint primary key, amount numeric not null);
alter table public.ledger enable row level security;
create policy "ledger readable" on public.ledger for select to authenticated using (true);`,
    },
  },
  {
    rule: 'security-definer-view',
    fires: {
      '001_scores.sql': `create table public.scores (id bigint primary key, points int not null);
alter table public.scores enable row level security;
create view public.top_scores as select id, points from public.scores where points > 100;`,
    },
    clean: {
      '001_scores.sql': `create table public.scores (id bigint primary key, points int not null);
alter table public.scores enable row level security;
create view public.top_scores with (security_invoker = on) as
  select id, points from public.scores where points > 100;`,
    },
  },
  {
    rule: 'function-search-path-mutable',
    fires: {
      '001_fn.sql': `create function public.double_it(n integer, label text) returns integer
  language sql as $$ select n * 2 $$;`,
    },
    clean: {
      '001_fn.sql': `create function public.double_it(n integer, label text) returns integer
  language sql set search_path = '' as $$ select n * 2 $$;`,
    },
  },
  {
    rule: 'rls-disabled-in-public',
    fires: {
      '001_tags.sql': 'create table public.tags (id bigint primary key, label text not null);',
    },
    clean: {
      '001_tags.sql': `create table public.tags (id bigint primary key, label text not null);
revoke all on public.tags from anon, authenticated;
create schema internal;
create table internal.tags (id bigint primary key, label text not null);
grant usage on schema internal to authenticated;
grant select on internal.tags to authenticated;`,
    },
  },
  {
    rule: 'extension-in-public',
    fires: { '001_ext.sql': 'create extension hstore with schema public;' },
    clean: { '001_ext.sql': 'create extension hstore with schema extensions;' },
  },
  {
    rule: 'rls-references-user-metadata',
    fires: {
      '001_reports.sql': `create table public.reports (id bigint primary key, body text);
alter table public.reports enable row level security;
create policy "editors read reports" on public.reports for select to authenticated
  using ((select auth.jwt()) -> 'user_metadata' ->> 'team' = 'editors');`,
    },
    clean: {
      '001_reports.sql': `create table public.reports (id bigint primary key, body text);
alter table public.reports enable row level security;
create policy "editors read reports" on public.reports for select to authenticated
  using ((select auth.jwt()) -> 'app_metadata' ->> 'team' = 'editors');`,
    },
  },
  {
    rule: 'materialized-view-in-api',
    fires: {
      '001_stats.sql': `create table public.visits (id bigint primary key, page text not null);
alter table public.visits enable row level security;
create materialized view public.page_counts as select page, count(*) as n from public.visits group by page;`,
    },
    clean: {
      '001_stats.sql': `create table public.visits (id bigint primary key, page text not null);
alter table public.visits enable row level security;
create materialized view public.page_counts as select page, count(*) as n from public.visits group by page;
revoke select on public.page_counts from anon, authenticated;`,
    },
  },
  {
    rule: 'foreign-table-in-api',
    fires: {
      '001_remote.sql': `create extension postgres_fdw with schema extensions;
create server archive foreign data wrapper postgres_fdw options (host 'archive.invalid', dbname 'old');
create foreign table public.old_orders (id bigint, total numeric) server archive;
grant select on public.old_orders to anon;`,
    },
    clean: {
      '001_remote.sql': `create extension postgres_fdw with schema extensions;
create server archive foreign data wrapper postgres_fdw options (host 'archive.invalid', dbname 'old');
create schema archive;
create foreign table archive.old_orders (id bigint, total numeric) server archive;
grant select on archive.old_orders to anon;`,
    },
  },
  {
    rule: 'unsupported-reg-types',
    fires: {
      '001_hooks.sql': `create table public.hooks (id bigint primary key, handler regproc, handlers regprocedure[]);
alter table public.hooks enable row level security;`,
    },
    clean: {
      '001_hooks.sql': `create table public.hooks (id bigint primary key, handler text, target regclass);
alter table public.hooks enable row level security;`,
    },
  },
  {
    rule: 'fkey-to-auth-unique',
    fires: {
      '001_contacts.sql': `create table public.contacts (
  id bigint primary key,
  phone text constraint contacts_phone_fkey references auth.users (phone) on delete cascade
);
alter table public.contacts enable row level security;`,
    },
    clean: {
      '001_contacts.sql': `create table public.contacts (
  id bigint primary key,
  user_id uuid references auth.users (id) on delete cascade
);
alter table public.contacts enable row level security;`,
    },
  },
  {
    rule: 'extension-versions-outdated',
    fires: { '001_ext.sql': `create extension hstore with schema extensions version '1.4';` },
    clean: { '001_ext.sql': 'create extension hstore with schema extensions;' },
  },
  {
    rule: 'sensitive-columns-exposed',
    fires: {
      '001_accounts.sql': `create table public.accounts (id bigint primary key, login text, "Api-Key" text, password text);`,
    },
    clean: {
      '001_accounts.sql': `create table public.accounts (id bigint primary key, login text, "Api-Key" text, password text);
alter table public.accounts enable row level security;`,
    },
  },
  {
    rule: 'rls-policy-always-true',
    fires: {
      '001_notes.sql': `create table public.notes (id bigint primary key, body text);
alter table public.notes enable row level security;
create policy "anyone edits notes" on public.notes for update to authenticated using (true);
create policy "anyone adds notes" on public.notes for insert to anon, authenticated with check (1 = 1);`,
    },
    clean: {
      '001_notes.sql': `create table public.notes (id bigint primary key, body text, owner uuid);
alter table public.notes enable row level security;
create policy "anyone reads notes" on public.notes for select to authenticated using (true);
create policy "owners edit notes" on public.notes for update to authenticated
  using ((select auth.uid()) = owner) with check ((select auth.uid()) = owner);`,
    },
  },
  {
    rule: 'public-bucket-allows-listing',
    fires: {
      '001_bucket.sql': `insert into storage.buckets (id, name, public) values ('logos', 'logos', true);
create policy "list logos" on storage.objects for select to public using (bucket_id = 'logos');`,
    },
    clean: {
      '001_bucket.sql': `insert into storage.buckets (id, name, public) values ('logos', 'logos', true);
create policy "list own logos" on storage.objects for select to authenticated
  using (bucket_id = 'logos' and (storage.foldername(name))[1] = (select auth.uid())::text);`,
    },
  },
  {
    rule: 'anon-security-definer-function-executable',
    fires: {
      '001_fn.sql': `create function public.count_users() returns bigint
  language sql security definer set search_path = '' as $$ select count(*) from auth.users $$;`,
    },
    clean: {
      '001_fn.sql': `create function public.count_users() returns bigint
  language sql security definer set search_path = '' as $$ select count(*) from auth.users $$;
revoke execute on function public.count_users() from public, anon;`,
    },
  },
  {
    rule: 'authenticated-security-definer-function-executable',
    fires: {
      '001_fn.sql': `create function public.count_users() returns bigint
  language sql security definer set search_path = '' as $$ select count(*) from auth.users $$;`,
    },
    clean: {
      '001_fn.sql': `create schema private;
create function private.count_users() returns bigint
  language sql security definer set search_path = '' as $$ select count(*) from auth.users $$;`,
    },
  },
  {
    rule: 'insecure-queue-exposed-in-api',
    // pgmq is on neither target; its queue tables are plain tables in schema pgmq, made here as pgmq.create() does.
    apiSchemas: ['public', 'pgmq_public'],
    fires: {
      '001_queue.sql': `create schema if not exists pgmq;
create table pgmq.q_emails (msg_id bigint primary key, message jsonb);
grant usage on schema pgmq to authenticated;
grant select on pgmq.q_emails to authenticated;`,
    },
    clean: {
      '001_queue.sql': `create schema if not exists pgmq;
create table pgmq.q_emails (msg_id bigint primary key, message jsonb);
alter table pgmq.q_emails enable row level security;
grant usage on schema pgmq to authenticated;
grant select on pgmq.q_emails to authenticated;`,
    },
  },
];

export const PERFORMANCE: CheckCase[] = [
  {
    rule: 'unindexed-foreign-keys',
    fires: {
      '001_lists.sql': `create table public.lists (id bigint primary key);
create table public.items (id bigint primary key, list_id bigint references public.lists (id) on delete cascade);`,
    },
    clean: {
      '001_lists.sql': `create table public.lists (id bigint primary key);
create table public.items (id bigint primary key, list_id bigint references public.lists (id) on delete cascade);
create index items_list_id on public.items (list_id);`,
    },
  },
  {
    rule: 'auth-rls-initplan',
    fires: {
      '001_todos.sql': `create table public.todos (id bigint primary key, owner uuid not null);
alter table public.todos enable row level security;
create policy "own todos" on public.todos for all to authenticated
  using (owner = auth.uid()) with check (owner = auth.uid() and current_setting('app.mode') = 'rw');`,
    },
    clean: {
      '001_todos.sql': `create table public.todos (id bigint primary key, owner uuid not null);
alter table public.todos enable row level security;
create policy "own todos" on public.todos for all to authenticated
  using (owner = (select auth.uid())) with check (owner = (select auth.uid()));`,
    },
  },
  {
    rule: 'no-primary-key',
    fires: { '001_log.sql': 'create table public.audit_log (at timestamptz not null, line text);' },
    clean: {
      '001_log.sql':
        'create table public.audit_log (id bigint generated always as identity primary key, line text);',
    },
  },
  {
    rule: 'multiple-permissive-policies',
    fires: {
      '001_posts.sql': `create table public.posts (id bigint primary key, author uuid, published boolean);
alter table public.posts enable row level security;
create policy "read published" on public.posts for select to anon, authenticated using (published);`,
      '002_posts_own.sql': `create policy "read own" on public.posts for select to authenticated
  using (author = (select auth.uid()));`,
    },
    clean: {
      '001_posts.sql': `create table public.posts (id bigint primary key, author uuid, published boolean);
alter table public.posts enable row level security;
create policy "read published" on public.posts for select to anon, authenticated using (published);`,
      '002_posts_own.sql': `create policy "only own" on public.posts as restrictive for select to authenticated
  using (author = (select auth.uid()));`,
    },
  },
  {
    rule: 'duplicate-index',
    fires: {
      '001_users.sql': `create table public.members (id bigint primary key, email text not null);
create index members_email on public.members (email);
create index members_email_again on public.members (email);`,
    },
    clean: {
      '001_users.sql': `create table public.members (id bigint primary key, email text not null);
create index members_email on public.members (email);
create index members_email_lower on public.members (lower(email));`,
    },
  },
];
