-- Migration: extensions every service relies on (bootstrap range 00000-00099)
-- Purpose: keep extensions out of `public`. Supabase already installs these two in `extensions`;
-- declaring them here makes a replay on any other Postgres end in the same state.

create schema if not exists extensions;

-- uuid_generate_v4() and friends, for services that prefer them over gen_random_uuid().
create extension if not exists "uuid-ossp" with schema extensions;

-- digest(), hmac() and crypt() for any service that hashes values in SQL.
create extension if not exists pgcrypto with schema extensions;
