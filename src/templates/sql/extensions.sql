{{header}}

-- Extensions go in the extensions schema, never public, so the Data API does not expose their objects.

create schema if not exists extensions;

-- uuid_generate_v4() and friends (gen_random_uuid() itself is built into Postgres 13 and later).
create extension if not exists "uuid-ossp" with schema extensions;

-- Hashing and encryption: crypt(), digest(), pgp_sym_encrypt().
create extension if not exists pgcrypto with schema extensions;

-- Uncomment what your services use (each must be available on your Postgres):
-- create extension if not exists vector with schema extensions;  -- embeddings (pgvector)
-- create extension if not exists pg_net with schema extensions;  -- HTTP requests from SQL (webhooks)
-- create extension if not exists pg_trgm with schema extensions; -- fuzzy text search
-- create extension if not exists citext with schema extensions;  -- case-insensitive text
