// The seed files, as the Supabase CLI finds and runs them after the migrations (`supabase db reset`, `db start`):
// `supabase/seed.sql` by default, or the `[db.seed] sql_paths` globs of supabase/config.toml.
//
// Patterns are expanded as the CLI does (see sql-paths.ts); a file matched twice runs once. A pattern that
// matches nothing is a warning, as in the CLI; `[db.seed] enabled = false` means no seeds at all.
//
// A seed file is applied as one transaction, split into statements as migrations are, and recorded in
// `supabase_migrations.seed_files` (path, sha256) exactly as the CLI records it, so `supabase db push
// --include-seed` later knows it ran. A failure is reported like a migration's: file, line, column, sqlstate.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type ApplyFailure, toFailure } from '../apply/failure.js';
import { tooDeepForPglite } from '../apply/too-deep.js';
import { KodoError } from '../core/errors.js';
import { isInside, readRegularFileSync } from '../core/fs.js';
import type { Database } from '../db/database.js';
import type { LoadedMigration } from '../migrations/read.js';
import { splitStatements } from '../migrations/split.js';
import { expandSqlPaths } from './sql-paths.js';
import { readSupabaseConfig, seedSettings } from './supabase-config.js';

export interface SeedFile {
  /** Path relative to the project root, forward slashes (`supabase/seed.sql`): what the CLI records. */
  file: string;
  /** Absolute path. */
  path: string;
}

export interface SeedListing {
  /** In the order they run. */
  files: SeedFile[];
  /** Patterns that matched nothing, matches that are folders, patterns that leave the project. */
  warnings: string[];
  /** False when `[db.seed] enabled = false`. */
  enabled: boolean;
}

export interface SeedResult {
  /** Files applied, in order (relative paths). */
  seeded: string[];
  /** The first failure; the failing file left nothing behind, and no later file ran. */
  failure: ApplyFailure | null;
  warnings: string[];
}

/** A seed file read and split, with the hash the CLI records. */
export type LoadedSeed = LoadedMigration;

export const SEED_TABLE = 'supabase_migrations.seed_files';
// The CLI's CREATE_SEED_TABLE and UPSERT_SEED_FILE (pkg/migration/history.go).
const CREATE_SEED_TABLE = [
  'CREATE SCHEMA IF NOT EXISTS supabase_migrations',
  `CREATE TABLE IF NOT EXISTS ${SEED_TABLE} (path text NOT NULL PRIMARY KEY, hash text NOT NULL)`,
];
const UPSERT_SEED_FILE = `INSERT INTO ${SEED_TABLE}(path, hash) VALUES($1, $2) ON CONFLICT (path) DO UPDATE SET hash = EXCLUDED.hash`;

/** The seed files of the project at `root`, in the order the Supabase CLI runs them. */
export function seedFiles(root: string): SeedListing {
  const { enabled, sqlPaths, explicit } = seedSettings(readSupabaseConfig(root));
  if (!enabled) return { files: [], warnings: [], enabled: false };
  const files: SeedFile[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const m of expandSqlPaths(root, sqlPaths)) {
    if (m.outside) {
      warnings.push(
        `supabase/config.toml [db.seed] sql_paths: "${m.raw}" is outside the project (patterns are relative to supabase/); it is ignored.`,
      );
      continue;
    }
    // The default ./seed.sql is optional: only a pattern the user wrote is worth a warning when it matches nothing.
    if (m.files.length === 0 && explicit) warnings.push(`no files matched pattern: ${m.pattern}`);
    for (const file of m.files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const abs = path.join(root, ...file.split('/'));
      if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
        warnings.push(`${file} matches a seed pattern but is a folder; it is skipped.`);
        continue;
      }
      files.push({ file, path: abs });
    }
  }
  return { files, warnings, enabled: true };
}

/**
 * Reads and splits SQL files (as the CLI splits migrations): the seeds, and the declarative schema files (`what`
 * names them in errors). A link out of the project is refused.
 */
export function loadSeeds(root: string, files: SeedFile[], what = 'Seed file'): LoadedSeed[] {
  const realRoot = fs.realpathSync(root);
  return files.map((seed) => {
    let real: string;
    try {
      real = fs.realpathSync(seed.path);
    } catch {
      real = seed.path;
    }
    if (!isInside(real, realRoot)) {
      throw new KodoError(
        'seed-outside-project',
        `${what} ${seed.file} is a link to a file outside the project; kodo runs only files inside it.`,
      );
    }
    const bytes = readRegularFileSync(seed.path, seed.file);
    const text = bytes.toString('utf8');
    return {
      version: '',
      name: path.posix.basename(seed.file, '.sql'),
      file: seed.file,
      path: seed.path,
      text,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      statements: splitStatements(text),
    };
  });
}

/**
 * Applies `files` in order, each in one transaction with its `seed_files` row, and stops at the first failure.
 * Files may be given listed (`seedFiles(root).files`, read here) or already loaded (`loadSeeds`).
 */
export async function applySeeds(
  db: Database,
  files: Array<SeedFile | LoadedSeed>,
  opts: { root?: string; onFile?: (done: number, total: number, file: string) => void | Promise<void> } = {},
): Promise<SeedResult> {
  const result: SeedResult = { seeded: [], failure: null, warnings: [] };
  if (files.length === 0) return result;
  const root = opts.root ?? projectRootOf(files[0]!);
  const loaded = files.map((f) => ('text' in f ? f : loadSeeds(root, [f])[0]!));
  await db.transaction(async (tx) => {
    for (const sql of CREATE_SEED_TABLE) await tx.query(sql);
  });
  for (const [i, seed] of loaded.entries()) {
    await opts.onFile?.(i + 1, loaded.length, seed.file);
    const failure = await applySeed(db, seed);
    if (failure) {
      result.failure = failure;
      break;
    }
    result.seeded.push(seed.file);
  }
  return result;
}

async function applySeed(db: Database, seed: LoadedSeed): Promise<ApplyFailure | null> {
  if (db.kind !== 'postgres') {
    const tooDeep = await tooDeepForPglite(seed);
    if (tooDeep) return tooDeep;
  }
  let index: number | null = null;
  try {
    // Settings a migration left behind (search_path, role, …) must not change what the seed means.
    await db.exec('RESET ALL');
    await db.transaction(async (tx) => {
      for (const [i, statement] of seed.statements.entries()) {
        index = i;
        await tx.exec(statement.sql);
      }
      index = null;
      await tx.query(UPSERT_SEED_FILE, [seed.file, seed.sha256]);
    });
    return null;
  } catch (e) {
    return toFailure(seed, index, e);
  }
}

/** `supabase/x/seed.sql` at `/abs/root/supabase/x/seed.sql` → `/abs/root`. */
function projectRootOf(seed: SeedFile): string {
  let root = seed.path;
  for (let i = 0; i < seed.file.split('/').length; i++) root = path.dirname(root);
  return root;
}
