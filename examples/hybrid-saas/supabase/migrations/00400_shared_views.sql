-- Migration: cross-service reporting view (shared range 00400+)
-- Purpose: one row per organization with figures from all three services (members from node-api,
-- events from python-analytics, channels and messages from rust-realtime). security_invoker makes the
-- view run with the caller's rights, so the RLS policies of every underlying table still apply.

create or replace view public.organization_activity
with (security_invoker = on)
as
select
  o.id as organization_id,
  o.name as organization_name,
  (
    select count(*)
    from public.profiles p
    where p.organization_id = o.id
  ) as member_count,
  (
    select count(*)
    from public.events e
    where e.organization_id = o.id
      and e.occurred_at >= now() - interval '30 days'
  ) as events_last_30_days,
  (
    select count(*)
    from public.channels c
    where c.organization_id = o.id
  ) as channel_count,
  (
    select max(m.created_at)
    from public.messages m
    join public.channels c on c.id = m.channel_id
    where c.organization_id = o.id
  ) as last_message_at
from public.organizations o;

comment on view public.organization_activity is
  'Per-organization activity across services; runs with the caller''s rights (security_invoker).';

-- Signed-out visitors have no organization: keep the view to signed-in users.
revoke all on public.organization_activity from anon;
grant select on public.organization_activity to authenticated;
