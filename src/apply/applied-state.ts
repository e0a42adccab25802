// The database the analyses read (advisors, RLS tests, the access diff): by default the project's migrations
// replayed on a throwaway database (through the one replay and its prefix cache), or, with --db, a database as it
// is (the embedded development database, the local stack, a server), which the analyses only read or change
// inside transactions they roll back.
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { exists } from '../core/fs.js';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { EMBEDDED_DIR } from '../db/pglite.js';
import { parseDatabaseSpec } from '../db/spec.js';
import type { LoadedMigration } from '../migrations/read.js';
import type { Project } from '../project/project.js';
import { applyFile } from './apply-file.js';
import type { ApplyFailure } from './failure.js';
import { replay } from './replay.js';

export interface StateOptions {
  /** Undefined: replay the migrations on a throwaway database. Otherwise the database to read as it is. */
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
  onProgress?: (done: number, total: number, file: string) => void | Promise<void>;
  /** Replay only the first `upTo` migrations (the state before the rest; `kodo rls diff`). */
  upTo?: number;
  /** False: neither read nor write the prefix cache. */
  cache?: boolean;
}

export interface AppliedState {
  db: Database;
  /** What was read: `supabase/migrations (N files, replayed on a throwaway database)` or the target's label. */
  target: string;
  /** True when the state is a replay of the project's files (so a finding can name the file behind an object). */
  replayed: boolean;
  /** Files applied by the replay (0 for a database read as it is). */
  applied: number;
  warnings: string[];
  close(): Promise<void>;
}

/** Opens the state to analyse; a replay that fails is an error naming the file, as nothing past it can be read. */
export async function openAppliedState(project: Project, opts: StateOptions): Promise<AppliedState> {
  const env = opts.env ?? process.env;
  if (opts.db !== undefined) return openAsIs(project.root, opts.db, env);
  const all = project.migrations();
  const migrations = all.slice(0, opts.upTo ?? all.length);
  const run = await replay(migrations, {
    root: project.root,
    env,
    cache: opts.cache,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  if (run.failure || run.cancelled) {
    await run.finish();
    if (run.cancelled) throw new KodoError('cancelled', 'Cancelled before every migration was applied.');
    throw replayFailed(run.failure!);
  }
  return {
    db: run.db,
    target: `supabase/migrations (${migrations.length} file(s), replayed on a throwaway database)`,
    replayed: true,
    applied: run.applied,
    warnings: run.warnings,
    close: () => run.finish(),
  };
}

/** Applies one more migration to a replayed state (the access diff walks the pending files one by one). */
export async function applyNext(state: AppliedState, migration: LoadedMigration): Promise<void> {
  const outcome = await applyFile(state.db, migration);
  state.warnings.push(...outcome.warnings);
  if (outcome.failure) throw replayFailed(outcome.failure);
  state.applied += 1;
}

function replayFailed(f: ApplyFailure): KodoError {
  return new KodoError(
    'migration-failed',
    `${f.file}:${f.line}:${f.column}: ${f.message} — the migrations do not apply on a fresh database, so nothing after this file can be analysed; run kodo check for the details.`,
    'check',
  );
}

async function openAsIs(root: string, spec: string, env: NodeJS.ProcessEnv): Promise<AppliedState> {
  const target = parseDatabaseSpec(spec, env, root);
  if (target.kind === 'embedded' && !(await exists(path.join(root, EMBEDDED_DIR)))) {
    throw new KodoError(
      'no-embedded-database',
      `The embedded database (${EMBEDDED_DIR}) does not exist yet; run kodo up to create it, or leave out --db to analyse the migrations replayed on a throwaway database.`,
    );
  }
  const db = await openDatabase(spec, { root, env });
  return { db, target: db.label, replayed: false, applied: 0, warnings: [], close: () => db.close() };
}
