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
-- Postgres has no ADD CONSTRAINT IF NOT EXISTS: each key is added only when missing, so the file can run again.

{{foreign_keys}}
