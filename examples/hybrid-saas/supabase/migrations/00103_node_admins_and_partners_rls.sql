-- Migration: row level security for admins and partners (node-api service, range 00100-00199)
-- Purpose: a user manages their own partner company and its documents; staff listed in admin_users read
-- every partner and document. The admin check is a security definer function, so policies can ask it
-- without being able to read admin_users themselves.

-- ============================================
-- STEP 4: Enable RLS
-- ============================================

-- Commands without a policy are denied on purpose: admins are managed, partners removed and documents
-- verified by the service role only.
-- kodo-ignore rls-missing-command-policy
alter table public.admin_users enable row level security;
-- kodo-ignore rls-missing-command-policy
alter table public.partners enable row level security;
-- kodo-ignore rls-missing-command-policy
alter table public.partner_documents enable row level security;

-- True when the caller is listed in admin_users. Security definer: it reads admin_users with its owner's
-- rights, which the callers do not have; search_path is pinned so nothing can shadow the table. It lives in
-- the private schema, which the Data API does not expose, so no client can call it as an RPC: only the
-- policies below ask it.
create schema if not exists private;
revoke all on schema private from public, anon;
grant usage on schema private to authenticated;

create or replace function private.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.admin_users a where a.id = (select auth.uid()));
$$;

comment on function private.is_admin() is 'RLS helper: whether the caller is a staff admin (listed in admin_users).';
revoke execute on function private.is_admin() from public, anon;
grant execute on function private.is_admin() to authenticated;

-- ============================================
-- STEP 5: Create RLS policies
-- ============================================

-- Admins see that they are admins; the list is managed with the service role.
create policy admin_users_select_self on public.admin_users
  for select to authenticated
  using (id = (select auth.uid()));

create policy partners_select_own_or_admin on public.partners
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));

create policy partners_insert_own on public.partners
  for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy partners_update_own on public.partners
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- A document is the partner's: reached through the partner row the caller owns.
create policy partner_documents_select_own_or_admin on public.partner_documents
  for select to authenticated
  using (
    partner_id in (select p.id from public.partners p where p.user_id = (select auth.uid()))
    or (select private.is_admin())
  );

create policy partner_documents_insert_own on public.partner_documents
  for insert to authenticated
  with check (partner_id in (select p.id from public.partners p where p.user_id = (select auth.uid())));

create policy partner_documents_delete_own on public.partner_documents
  for delete to authenticated
  using (partner_id in (select p.id from public.partners p where p.user_id = (select auth.uid())));

-- Only admins decide a document's verification status (through the service role); partners may not.
revoke update on public.partner_documents from anon, authenticated;

-- ============================================
-- STEP 6: Create triggers
-- ============================================

create or replace trigger admin_users_handle_updated_at
  before update on public.admin_users
  for each row execute function public.handle_updated_at();

create or replace trigger partners_handle_updated_at
  before update on public.partners
  for each row execute function public.handle_updated_at();

create or replace trigger partner_documents_handle_updated_at
  before update on public.partner_documents
  for each row execute function public.handle_updated_at();
