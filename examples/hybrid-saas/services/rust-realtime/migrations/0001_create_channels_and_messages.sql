-- Channels and messages of rust-realtime (sqlx migration). Copied into the shared database as
-- supabase/migrations/00300_rust_channels.sql; RLS and triggers live in 00301_rust_channels_rls.sql.

create table if not exists public.channels (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  name text not null,
  topic text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint channels_organization_id_name_key unique (organization_id, name),
  constraint channels_name_format check (name ~ '^[a-z0-9][a-z0-9_-]{0,79}$'),
  constraint channels_topic_length check (char_length(topic) <= 250),
  constraint channels_organization_id_fkey foreign key (organization_id)
    references public.organizations (id) on delete cascade,
  constraint channels_created_by_fkey foreign key (created_by)
    references auth.users (id) on delete set null
);

create table if not exists public.messages (
  id uuid primary key default gen_random_uuid(),
  channel_id uuid not null,
  author_id uuid,
  body text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint messages_body_length check (char_length(body) between 1 and 4000),
  constraint messages_channel_id_fkey foreign key (channel_id)
    references public.channels (id) on delete cascade,
  constraint messages_author_id_fkey foreign key (author_id)
    references auth.users (id) on delete set null
);

create index if not exists channels_created_by_idx on public.channels (created_by);
create index if not exists messages_channel_id_created_at_idx on public.messages (channel_id, created_at desc);
create index if not exists messages_author_id_idx on public.messages (author_id);
