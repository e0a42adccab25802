-- Supabase's `extensions` schema with uuid-ossp and pgcrypto installed in it, as every Supabase project has.
create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
