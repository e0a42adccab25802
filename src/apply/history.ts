// The Supabase CLI's history table (`supabase_migrations.schema_migrations`) and kodo's checksum side table.
//
// The DDL and the INSERT are the CLI's, verbatim, so the CLI and kodo can take turns on one database. kodo
// never alters `schema_migrations`; the sha256 of each applied file lives in `supabase_migrations.kodo_applied`.
import type { Database, Queryable } from '../db/database.js';
import { toDatabaseError } from '../db/errors.js';
import { compareVersions } from '../versions/grammar.js';

export const HISTORY_TABLE = 'supabase_migrations.schema_migrations';
export const CHECKSUM_TABLE = 'supabase_migrations.kodo_applied';

/** `pkg/migration/history.go` `CreateMigrationTable`, with the timeout scoped to its transaction. */
const CREATE_HISTORY = [
  "SET LOCAL lock_timeout = '4s'",
  'CREATE SCHEMA IF NOT EXISTS supabase_migrations',
  'CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)',
  'ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]',
  'ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text',
  `CREATE TABLE IF NOT EXISTS ${CHECKSUM_TABLE} (version text primary key, sha256 text not null, applied_at timestamptz default now())`,
];

const INSERT_VERSION =
  'INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES($1, $2, $3)';
const UPSERT_VERSION = `${INSERT_VERSION} ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, statements = EXCLUDED.statements`;
const DELETE_VERSIONS = 'DELETE FROM supabase_migrations.schema_migrations WHERE version = ANY($1)';
const UPSERT_CHECKSUM = `INSERT INTO ${CHECKSUM_TABLE}(version, sha256) VALUES($1, $2) ON CONFLICT (version) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = now()`;
const DELETE_CHECKSUMS = `DELETE FROM ${CHECKSUM_TABLE} WHERE version = ANY($1)`;

export interface HistoryRow {
  version: string;
  /** `''` when the row has none (Studio and old CLI versions leave it NULL). */
  name: string;
}

export interface HistoryRecord {
  version: string;
  name: string;
  statements: string[];
  sha256: string;
}

/** Creates the history table (and kodo's side table) if missing; safe to run on every apply. */
export async function createHistoryTable(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const sql of CREATE_HISTORY) await tx.query(sql);
  });
}

/** Applied versions in version order; a database the CLI never touched has none (42P01). */
export async function readHistory(db: Queryable): Promise<HistoryRow[]> {
  const rows = await orEmptyWhenMissing(
    db.query<{ version: string; name: string }>(
      `SELECT version, coalesce(name, '') AS name FROM ${HISTORY_TABLE} ORDER BY version`,
    ),
  );
  // Postgres orders text by the database collation; kodo's one order is plain string order.
  return rows.sort((a, b) => compareVersions(a.version, b.version));
}

/** Recorded sha256 per version, for files kodo applied or repaired. */
export async function readChecksums(db: Queryable): Promise<Map<string, string>> {
  const rows = await orEmptyWhenMissing(
    db.query<{ version: string; sha256: string }>(`SELECT version, sha256 FROM ${CHECKSUM_TABLE}`),
  );
  return new Map(rows.map((r) => [r.version, r.sha256]));
}

/**
 * The CLI's `INSERT_MIGRATION_VERSION` plus the checksum row, in one round trip (one per file adds up over hundreds
 * of files); run it in the file's transaction.
 */
export async function recordApplied(tx: Queryable, record: HistoryRecord): Promise<void> {
  // The checksum row is written from the history row the insert returns: a history row that a trigger (or a rule)
  // swallowed then writes nothing, and that is an error, so the file rolls back instead of being "applied" with
  // no record (the next run would apply it again).
  const { rows } = await tx.query<{ version: string }>(
    `WITH history AS (${INSERT_VERSION} RETURNING version) INSERT INTO ${CHECKSUM_TABLE}(version, sha256) SELECT version, $4::text FROM history ON CONFLICT (version) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = now() RETURNING version`,
    [record.version, record.name, record.statements, record.sha256],
  );
  if (rows.length !== 1) {
    throw new Error(
      `the history row for version ${record.version} was not written (a trigger or rule on supabase_migrations.schema_migrations discarded it, or the embedded database skipped the insert after a statement too deep for it), so the migration is rolled back`,
    );
  }
}

/** The CLI's repair upsert (`UPSERT_MIGRATION_VERSION`), plus the checksum row. */
export async function upsertApplied(tx: Queryable, record: HistoryRecord): Promise<void> {
  await tx.query(UPSERT_VERSION, [record.version, record.name, record.statements]);
  await tx.query(UPSERT_CHECKSUM, [record.version, record.sha256]);
}

/** The CLI's `DELETE_MIGRATION_VERSION`, plus the checksum rows. */
export async function deleteApplied(tx: Queryable, versions: string[]): Promise<void> {
  await tx.query(DELETE_VERSIONS, [versions]);
  await tx.query(DELETE_CHECKSUMS, [versions]);
}

async function orEmptyWhenMissing<T>(query: Promise<{ rows: T[] }>): Promise<T[]> {
  try {
    return (await query).rows;
  } catch (e) {
    if (toDatabaseError(e).sqlstate === '42P01') return [];
    throw e;
  }
}
