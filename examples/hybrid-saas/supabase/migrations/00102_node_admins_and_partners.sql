-- Migration: staff admins and partner companies with their documents (node-api service, range 00100-00199)
-- Purpose: admin_users lists the staff who may see every partner; a partner company belongs to the user who
-- registered it, and its documents belong to the partner. RLS, policies and the admin check follow in 00103.

-- ============================================
-- STEP 1: Create tables (with their foreign keys)
-- ============================================

create table if not exists public.admin_users (
  id uuid primary key,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint admin_users_id_fkey foreign key (id) references auth.users (id) on delete cascade
);

create table if not exists public.partners (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  company_name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint partners_company_name_length check (char_length(company_name) between 1 and 200),
  constraint partners_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade
);

create table if not exists public.partner_documents (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null,
  category text not null,
  storage_path text not null,
  verification_status text not null default 'pending',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint partner_documents_status_check check (verification_status in ('pending', 'approved', 'rejected')),
  constraint partner_documents_partner_id_fkey foreign key (partner_id)
    references public.partners (id) on delete cascade
);

-- ============================================
-- STEP 2: Create indexes
-- ============================================

create index if not exists partners_user_id_idx on public.partners (user_id);
create index if not exists partner_documents_partner_id_idx on public.partner_documents (partner_id);

-- ============================================
-- STEP 3: Add comments
-- ============================================

comment on table public.admin_users is 'Staff with read access to every partner; rows are added by the service role only.';
comment on table public.partners is 'Partner companies, each registered and managed by one user.';
comment on table public.partner_documents is 'Compliance documents of a partner; files live in storage, this row points at them.';
