// What `kodo sync` reads from each ORM's migrations and writes into supabase/migrations. One reader per tool
// (src/sync/drizzle, src/sync/alembic, src/sync/sqlx) turns a workspace's migrations into SourceMigrations, in
// the order they must apply; the sync core (tracking headers, drift, numbering, all-or-nothing writes) is the
// same for every tool.
import type { DetectedWorkspace } from '../detect/schema.js';

export type SyncTool = 'drizzle-kit' | 'alembic' | 'sqlx-cli';

/** A workspace kodo can sync: what detection found, resolved to absolute folders. */
export interface SyncWorkspace {
  /** The detected workspace (name, prefix, range, migrationsDir relative to the root). */
  detected: DetectedWorkspace;
  tool: SyncTool;
  /** The project root (absolute). */
  root: string;
  /** The workspace folder (absolute): where the tool runs (alembic) and its config lives. */
  dir: string;
  /** The tool's migrations folder (absolute). */
  migrationsDir: string;
}

/** One migration of an ORM, converted to the SQL a Supabase migration file holds. */
export interface SourceMigration {
  /**
   * The source's identity, stable across runs: its path relative to the project root, with forward slashes
   * (`services/node-api/drizzle/0003_add_index.sql`, `services/py/alembic/versions/3f2a9c1d7b4e_create_events.py`,
   * `services/rs/migrations/0002_x.up.sql`).
   */
  source: string;
  /**
   * sha256 (hex) of what the migration was made from: the source file's bytes (for SQLx reversible pairs, the up
   * file's). A changed hash after syncing is drift.
   */
  sha256: string;
  /** The name part of the Supabase file: lowercase [a-z0-9_], from the source's own name. */
  name: string;
  /** The SQL to write, converted: no BEGIN/COMMIT, no alembic_version statements, ending in a newline. */
  sql: string;
  /** The source must run outside a transaction (SQLx `-- no-transaction`). */
  noTransaction: boolean;
  /** The reverse SQL when the source has one (SQLx `.down.sql`): kept beside the synced file as its rollback. */
  down: string | null;
  /** What the user should know about this one ("not listed in meta/_journal.json", "hand-written"). */
  notes: string[];
}

export interface SourceRead {
  /** In the order they must apply. */
  migrations: SourceMigration[];
  /** About the workspace as a whole (the order chosen for files outside the journal, …). */
  notes: string[];
}

export interface ReadOptions {
  signal?: AbortSignal | undefined;
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads a workspace's migrations. Throws KodoError (one sentence: what is wrong, what to do) when it cannot read
 * them all: a half-read workspace is never synced.
 */
export type SourceReader = (ws: SyncWorkspace, opts: ReadOptions) => Promise<SourceRead>;
