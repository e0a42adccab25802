-- kodo sync: workspace=python-analytics tool=alembic body-sha256=d2facc86a55995f10cf684d737048ed8f5905ce72e6e97c40502326869d75376
-- kodo sync: source=services/python-analytics/alembic/versions/3f2a9c1d7b4e_create_events.py sha256=d5442cca01d1f0e38324d3a1d914cfa9b0d08a5b1051c2ee086ed5d9aec68d8a
-- kodo sync: source=services/python-analytics/alembic/versions/8c41d0e2a95f_index_events_by_name.py sha256=793d84982f3ec4544081a447e3083ee39e17490946ae85fba9441cf3d69e9ef9
-- Migration: product analytics events (python-analytics service, range 00200-00299)
-- Source: services/python-analytics/alembic/versions 3f2a9c1d7b4e_create_events + 8c41d0e2a95f_index_events_by_name
-- Purpose: one row per tracked user action. Rows reference organizations (node-api, 00100), so this file
-- must sort after it, which the ranges guarantee. RLS, policies and triggers follow in 00201.

-- ============================================
-- STEP 1: Create tables (with their foreign keys)
-- ============================================

create table if not exists public.events (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  user_id uuid,
  name text not null,
  properties jsonb not null default '{}'::jsonb,
  occurred_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint events_name_length check (char_length(name) between 1 and 200),
  constraint events_properties_object check (jsonb_typeof(properties) = 'object'),
  constraint events_organization_id_fkey foreign key (organization_id)
    references public.organizations (id) on delete cascade,
  constraint events_user_id_fkey foreign key (user_id)
    references auth.users (id) on delete set null
);

-- ============================================
-- STEP 2: Create indexes
-- ============================================

-- The leading organization_id also serves its foreign key.
create index if not exists events_organization_id_occurred_at_idx
  on public.events (organization_id, occurred_at desc);
create index if not exists events_organization_id_name_idx on public.events (organization_id, name);
create index if not exists events_user_id_idx on public.events (user_id);

-- ============================================
-- STEP 3: Add comments
-- ============================================

comment on table public.events is 'Analytics events: one row per tracked action of a user in an organization.';
comment on column public.events.name is 'Event name such as page_viewed or invoice_paid.';
comment on column public.events.properties is 'Event attributes as a JSON object.';
comment on column public.events.occurred_at is 'When the action happened (created_at is when it was recorded).';
comment on column public.events.user_id is 'The acting user; null for system events or once the user is deleted.';
