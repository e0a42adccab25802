{{header}}

-- ============================================
-- STEP 1: Table
-- ============================================

create table if not exists {{table}} (
{{columns}}
);

-- ============================================
-- STEP 2: Indexes (every foreign key and access column has one)
-- ============================================

{{indexes}}

-- ============================================
-- STEP 3: Foreign keys
-- ============================================

{{foreign_keys}}

-- ============================================
-- STEP 4: Row level security
-- ============================================

alter table {{table}} enable row level security;

-- ============================================
-- STEP 5: Policies ({{access}})
-- ============================================
-- service_role bypasses RLS: server code using the service key needs no policy.

{{policies}}

-- ============================================
-- STEP 6: Trigger keeping updated_at current
-- ============================================

{{handle_updated_at}}

create trigger set_updated_at
  before update on {{table}}
  for each row
  execute function public.handle_updated_at();

-- ============================================
-- STEP 7: Comments
-- ============================================

{{comments}}
