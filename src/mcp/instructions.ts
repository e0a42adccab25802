// Server-level guidance for the agent (Claude Code truncates instructions at 2 KB).
export const INSTRUCTIONS = `kodo manages Supabase migrations in supabase/migrations/ for projects where several services (Drizzle/TypeScript, SQLAlchemy+Alembic/Python, SQLx/Rust) share one Postgres database.

Workflow:
1. detect_orm first: it tells hybrid vs supabase-only mode, each workspace's ORM and its version range.
2. To write a migration, call create_migration (it allocates the version and never overwrites). Schema changes use even versions, behaviour (RLS, policies, triggers, functions) odd ones. Pass a table spec to get a complete table with RLS, policies and an updated_at trigger.
3. Validate with validate_migrations before applying; fix error-level findings.
4. check_migrations replays everything, then the seeds, on a throwaway database (after an edit of the newest file, only that file: call it after every edit); apply_migrations applies pending files (dry run first; non-throwaway targets need the planId from the dry run and the user's approval). reset_database rebuilds the dev database with migrations and seeds.

Rules: never hand-pick a version number, never edit a migration that a database has already applied (write a new one), never run migration SQL outside a committed file.`;
