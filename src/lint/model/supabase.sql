-- What every Supabase project has beyond the shim kodo installs to apply migrations (src/db/shim/*.sql, which
-- the linter replays first): the other platform schemas and extensions, and auth.sessions.
create schema if not exists graphql;
create schema if not exists graphql_public;
create schema if not exists vault;
create schema if not exists pgbouncer;
create schema if not exists supabase_migrations;
create schema if not exists public;

create extension if not exists plpgsql with schema pg_catalog;
create extension if not exists pg_stat_statements with schema extensions;
create extension if not exists pg_graphql with schema graphql;
create extension if not exists supabase_vault with schema vault;

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade
);
