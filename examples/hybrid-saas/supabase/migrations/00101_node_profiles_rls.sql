-- Migration: row level security, policies and triggers for organizations and profiles (node-api, 00100-00199)
-- Purpose: a signed-in user sees the organization named by their JWT's org_id claim and its members;
-- only owners and admins edit the organization, only owners delete it; a user manages their own membership.

-- ============================================
-- STEP 4: Enable RLS
-- ============================================

alter table public.organizations enable row level security;
alter table public.profiles enable row level security;

-- ============================================
-- STEP 5: Create RLS policies
-- ============================================

create policy organizations_select_member on public.organizations
  for select to authenticated
  using (id = (select public.get_org_id()));

create policy organizations_insert_creator on public.organizations
  for insert to authenticated
  with check (created_by = (select auth.uid()));

create policy organizations_update_admin on public.organizations
  for update to authenticated
  using (
    id = (select public.get_org_id())
    and exists (
      select 1
      from public.profiles p
      where p.organization_id = organizations.id
        and p.user_id = (select auth.uid())
        and p.role in ('owner', 'admin')
    )
  )
  with check (id = (select public.get_org_id()));

create policy organizations_delete_owner on public.organizations
  for delete to authenticated
  using (
    id = (select public.get_org_id())
    and exists (
      select 1
      from public.profiles p
      where p.organization_id = organizations.id
        and p.user_id = (select auth.uid())
        and p.role = 'owner'
    )
  );

create policy profiles_select_same_org on public.profiles
  for select to authenticated
  using (organization_id = (select public.get_org_id()));

-- Users join as plain members; roles are raised by the service role.
create policy profiles_insert_self on public.profiles
  for insert to authenticated
  with check (
    organization_id = (select public.get_org_id())
    and user_id = (select auth.uid())
    and role = 'member'
  );

create policy profiles_update_self on public.profiles
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (
    user_id = (select auth.uid())
    and organization_id = (select public.get_org_id())
  );

create policy profiles_delete_self on public.profiles
  for delete to authenticated
  using (user_id = (select auth.uid()));

-- Policies choose rows, not columns: without these grants a member could promote themselves to owner
-- or move an organization to another creator.
revoke update on public.organizations from anon, authenticated;
grant update (name, slug) on public.organizations to authenticated;
revoke update on public.profiles from anon, authenticated;
grant update (display_name) on public.profiles to authenticated;

-- ============================================
-- STEP 6: Create triggers
-- ============================================

create or replace trigger organizations_handle_updated_at
  before update on public.organizations
  for each row execute function public.handle_updated_at();

create or replace trigger profiles_handle_updated_at
  before update on public.profiles
  for each row execute function public.handle_updated_at();
