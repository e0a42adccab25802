-- ============================================
-- STEP 4: Row level security
-- ============================================

alter table {{table}} enable row level security;

-- ============================================
-- STEP 5: Policies ({{access}})
-- ============================================
-- service_role bypasses RLS: server code using the service key needs no policy.
-- Postgres has no CREATE POLICY IF NOT EXISTS: each policy is dropped and created again, so the file can run
-- again and a rerun applies the policy as written here.

{{policies}}

-- ============================================
-- STEP 6: Trigger keeping updated_at current
-- ============================================

{{handle_updated_at}}

create or replace trigger set_updated_at
  before update on {{table}}
  for each row
  execute function public.handle_updated_at();

-- ============================================
-- STEP 7: Comments
-- ============================================

{{comments}}
