-- Migration: row level security, policies and triggers for channels and messages (rust-realtime, 00300-00399)
-- Purpose: members see their organization's channels and messages; the creator of a channel and the
-- author of a message are the only ones who edit or delete it.

-- ============================================
-- STEP 4: Enable RLS
-- ============================================

alter table public.channels enable row level security;
alter table public.messages enable row level security;

-- ============================================
-- STEP 5: Create RLS policies
-- ============================================

create policy channels_select_same_org on public.channels
  for select to authenticated
  using (organization_id = (select public.get_org_id()));

create policy channels_insert_member on public.channels
  for insert to authenticated
  with check (
    organization_id = (select public.get_org_id())
    and created_by = (select auth.uid())
  );

create policy channels_update_creator on public.channels
  for update to authenticated
  using (
    organization_id = (select public.get_org_id())
    and created_by = (select auth.uid())
  )
  with check (organization_id = (select public.get_org_id()));

create policy channels_delete_creator on public.channels
  for delete to authenticated
  using (
    organization_id = (select public.get_org_id())
    and created_by = (select auth.uid())
  );

-- A message is visible when its channel is, which keeps the organization check in one place.
create policy messages_select_same_org on public.messages
  for select to authenticated
  using (
    exists (
      select 1
      from public.channels c
      where c.id = messages.channel_id
        and c.organization_id = (select public.get_org_id())
    )
  );

create policy messages_insert_author on public.messages
  for insert to authenticated
  with check (
    author_id = (select auth.uid())
    and exists (
      select 1
      from public.channels c
      where c.id = messages.channel_id
        and c.organization_id = (select public.get_org_id())
    )
  );

create policy messages_update_author on public.messages
  for update to authenticated
  using (author_id = (select auth.uid()))
  with check (author_id = (select auth.uid()));

create policy messages_delete_author on public.messages
  for delete to authenticated
  using (author_id = (select auth.uid()));

-- Policies choose rows, not columns: a channel keeps its organization and creator, a message its
-- channel and author.
revoke update on public.channels from anon, authenticated;
grant update (name, topic) on public.channels to authenticated;
revoke update on public.messages from anon, authenticated;
grant update (body) on public.messages to authenticated;

-- ============================================
-- STEP 6: Create triggers
-- ============================================

create or replace trigger channels_handle_updated_at
  before update on public.channels
  for each row execute function public.handle_updated_at();

create or replace trigger messages_handle_updated_at
  before update on public.messages
  for each row execute function public.handle_updated_at();
