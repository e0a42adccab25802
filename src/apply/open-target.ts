// Opens the target of `up` / `repair`; a dry run must create nothing, not even the embedded database.
import path from 'node:path';
import { exists } from '../core/fs.js';
import type { Database } from '../db/database.js';
import { type OpenOptions, openDatabase } from '../db/open.js';
import { EMBEDDED_DIR, openMemoryDatabase } from '../db/pglite.js';
import { parseDatabaseSpec } from '../db/spec.js';

export interface TargetOptions extends OpenOptions {
  db?: string | undefined;
  dryRun?: boolean | undefined;
}

/** The label the embedded database has once it exists: dry runs use it too, so their planId stays valid. */
const EMBEDDED_LABEL = `embedded (${EMBEDDED_DIR.split(path.sep).join('/')})`;

/**
 * The database a `--db` value names. On a dry run against an embedded database that does not exist yet, a fresh
 * in-memory one stands in: same snapshot, so the same empty history, and nothing is written to `.kodo/db`.
 */
export async function openTarget(opts: TargetOptions): Promise<Database> {
  if (opts.dryRun && (await embeddedMissing(opts))) {
    return openMemoryDatabase(EMBEDDED_LABEL, { env: opts.env ?? process.env });
  }
  const { db, dryRun: _, ...open } = opts;
  return openDatabase(db, open);
}

/** True when the target is the embedded database and it does not exist yet (so its history is empty). */
export async function embeddedMissing(opts: TargetOptions): Promise<boolean> {
  return (
    parseDatabaseSpec(opts.db, opts.env ?? process.env).kind === 'embedded' &&
    !(await exists(path.join(opts.root, EMBEDDED_DIR)))
  );
}
