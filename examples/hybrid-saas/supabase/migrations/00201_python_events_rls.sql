-- Migration: row level security, policies and triggers for events (python-analytics, 00200-00299)
-- Purpose: members read their organization's events and record their own; a user may correct or
-- delete only events they recorded.

-- ============================================
-- STEP 4: Enable RLS
-- ============================================

alter table public.events enable row level security;

-- ============================================
-- STEP 5: Create RLS policies
-- ============================================

create policy events_select_same_org on public.events
  for select to authenticated
  using (organization_id = (select public.get_org_id()));

create policy events_insert_own on public.events
  for insert to authenticated
  with check (
    organization_id = (select public.get_org_id())
    and user_id = (select auth.uid())
  );

create policy events_update_own on public.events
  for update to authenticated
  using (
    organization_id = (select public.get_org_id())
    and user_id = (select auth.uid())
  )
  with check (
    organization_id = (select public.get_org_id())
    and user_id = (select auth.uid())
  );

create policy events_delete_own on public.events
  for delete to authenticated
  using (
    organization_id = (select public.get_org_id())
    and user_id = (select auth.uid())
  );

-- ============================================
-- STEP 6: Create triggers
-- ============================================

create or replace trigger events_handle_updated_at
  before update on public.events
  for each row execute function public.handle_updated_at();
