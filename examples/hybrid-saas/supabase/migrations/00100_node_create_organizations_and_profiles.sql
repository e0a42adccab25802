-- kodo sync: workspace=node-api tool=drizzle-kit body-sha256=982cbe316e7514ff4fcb7bc9b079fc03686ea437ad5f5b407056bfafa00ab3c1
-- kodo sync: source=services/node-api/drizzle/migrations/0000_create_organizations.sql sha256=a25c480ab1fb0e5c60ed88e2f844a3e155825ce709ababcfa1d77f10b34d34c7
-- kodo sync: source=services/node-api/drizzle/migrations/0001_create_profiles.sql sha256=9710bf304f3df7c81cd037b8cadaec7feb1b8c090e14a52cf2c7074e9c20627a
-- Migration: organizations and their members (node-api service, range 00100-00199)
-- Source: services/node-api/drizzle/migrations 0000_create_organizations + 0001_create_profiles
-- Purpose: the tenants of the SaaS and the users who belong to them. Constraint and index names match
-- what drizzle-kit generates, so drizzle sees no drift. RLS, policies and triggers follow in 00101.

-- ============================================
-- STEP 1: Create tables (with their foreign keys)
-- ============================================

create table if not exists public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint organizations_slug_unique unique (slug),
  constraint organizations_name_length check (char_length(name) between 1 and 200),
  constraint organizations_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  constraint organizations_created_by_users_id_fk foreign key (created_by)
    references auth.users (id) on delete set null
);

create table if not exists public.profiles (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  user_id uuid not null,
  display_name text,
  role text not null default 'member',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Its index also serves the organization_id foreign key (leading column).
  constraint profiles_organization_id_user_id_unique unique (organization_id, user_id),
  constraint profiles_role_check check (role in ('owner', 'admin', 'member')),
  constraint profiles_display_name_length check (char_length(display_name) <= 100),
  constraint profiles_organization_id_organizations_id_fk foreign key (organization_id)
    references public.organizations (id) on delete cascade,
  constraint profiles_user_id_users_id_fk foreign key (user_id)
    references auth.users (id) on delete cascade
);

-- ============================================
-- STEP 2: Create indexes
-- ============================================

create index if not exists organizations_created_by_idx on public.organizations (created_by);
create index if not exists profiles_user_id_idx on public.profiles (user_id);

-- ============================================
-- STEP 3: Add comments
-- ============================================

comment on table public.organizations is 'Tenants: every row of every service belongs to one organization.';
comment on column public.organizations.slug is 'URL-safe unique name: lowercase letters, digits and single hyphens.';
comment on column public.organizations.created_by is 'The user who created the organization; null once that user is deleted.';

comment on table public.profiles is 'Membership of a user in an organization, with their role there.';
comment on column public.profiles.role is 'owner, admin or member; only owners and admins may edit the organization.';
