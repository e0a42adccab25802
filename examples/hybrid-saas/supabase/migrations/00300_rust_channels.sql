-- kodo sync: workspace=rust-realtime tool=sqlx-cli body-sha256=0fd9e94c74a4e62e23541ef96f8d1966ea026cbcb3d15afc4ed62874952515f0
-- kodo sync: source=services/rust-realtime/migrations/0001_create_channels_and_messages.sql sha256=c224000bf3651fa6affb2d2191d46d0d17f27ea8b995616b64360b1c156e76f1
-- Migration: chat channels and their messages (rust-realtime service, range 00300-00399)
-- Source: services/rust-realtime/migrations/0001_create_channels_and_messages.sql (sqlx)
-- Purpose: an organization's channels and the messages posted in them. Messages take their
-- organization from their channel, so the two can never disagree. RLS, policies and triggers follow in 00301.

-- ============================================
-- STEP 1: Create tables (with their foreign keys)
-- ============================================

create table if not exists public.channels (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  name text not null,
  topic text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Its index also serves the organization_id foreign key (leading column).
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

-- ============================================
-- STEP 2: Create indexes
-- ============================================

create index if not exists channels_created_by_idx on public.channels (created_by);
-- The leading channel_id also serves its foreign key; the order matches how a channel is read.
create index if not exists messages_channel_id_created_at_idx on public.messages (channel_id, created_at desc);
create index if not exists messages_author_id_idx on public.messages (author_id);

-- ============================================
-- STEP 3: Add comments
-- ============================================

comment on table public.channels is 'Chat channels of an organization; names are unique within it.';
comment on column public.channels.created_by is 'The user who created the channel; null once that user is deleted.';

comment on table public.messages is 'Messages posted in a channel; a message belongs to its channel''s organization.';
comment on column public.messages.author_id is 'The user who posted; null once that user is deleted.';
