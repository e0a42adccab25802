// `kodo reset` / `reset_database`: the `supabase db reset` of kodo. Rebuilds a development database from nothing,
// applies every migration exactly as `kodo up` does (one transaction per file, recorded in the CLI's history
// table), then the seed files.
//
// - embedded (default): `.kodo/db` is replaced, under its lock, by a new database from kodo's snapshot (extracted
//   beside it and swapped in by rename, so a failure never leaves half a database). No consent: it is the
//   user's local development database, as the local stack is for `supabase db reset`.
// - memory: a fresh throwaway (harmless, and useful to see that everything applies).
// - a server: only the Supabase local stack (`local`, or 127.0.0.1/localhost/::1 at its port), and only with an
//   approved plan (CLI --yes or a prompt, MCP the planId of a dry run). Without Docker kodo cannot recreate the
//   stack's container as the Supabase CLI does; it empties the database as the CLI does for `db reset --db-url`
//   (see reset-wipe.sql), then replays.
import path from 'node:path';
import { DEFAULT_LOCK_TIMEOUT, durationMs } from '../config/schema.js';
import { KodoError } from '../core/errors.js';
import { exists } from '../core/fs.js';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { EMBEDDED_DIR, openEmbeddedDatabase, openMemoryDatabase } from '../db/pglite.js';
import { cachedState } from '../db/prefix-cache/index.js';
import { isLocalStack, localStackPhrase, parseDatabaseSpec } from '../db/spec.js';
import { listStandInsUsed } from '../db/standins/index.js';
import type { LoadedMigration } from '../migrations/read.js';
import { type Project, projectOf } from '../project/project.js';
import { applySeeds, type LoadedSeed } from '../project/seeds.js';
import { cancelRequested } from './cancel.js';
import type { ApplyFailure } from './failure.js';
import { withMigrationLock } from './lock.js';
import { planIdFor } from './plan-id.js';
import { prepareServer, type ShimReport } from './platform.js';
import { replay } from './replay.js';
// Empties the local stack's database for a replay (see the file's header).
import WIPE_SQL from './reset-wipe.sql';

export interface ResetOptions {
  root: string;
  project?: Project;
  /** `embedded` (default), `memory`, `local` or a URL of the local stack. */
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** False: migrations only (`--no-seed`). */
  seed?: boolean;
  /** Only the plan (and its planId): nothing is dropped or applied. */
  dryRun?: boolean;
  /** The planId of the dry run the user approved (needed for a server). */
  planId?: string | undefined;
  /** Asked to approve the plan for a server when no planId was given (the CLI's --yes or prompt). */
  confirm?: (plan: ResetPlan) => Promise<boolean>;
  /** Before each file, migrations then seeds: 1-based number, total, file. */
  onProgress?: (
    done: number,
    total: number,
    file: string,
    phase: 'migration' | 'seed',
  ) => void | Promise<void>;
  onWait?: () => void;
  signal?: AbortSignal | undefined;
  lockTimeoutMs?: number;
}

export interface ResetPlan {
  target: string;
  planId: string;
  /** What is dropped, in words. */
  drops: string;
  files: Array<{ version: string; file: string }>;
  seeds: string[];
}

export interface ResetResult {
  target: string;
  dryRun: boolean;
  /** Versions applied, in order. */
  applied: string[];
  /** Seed files applied, in order. */
  seeded: string[];
  /** The first failure, a migration's or a seed's (a seed's has version ""); nothing ran after it. */
  failure: ApplyFailure | null;
  /** "migration" or "seed" when there is a failure. */
  failedPhase: 'migration' | 'seed' | null;
  planId: string;
  plan: Array<{ version: string; file: string }>;
  /** The seed files the plan runs (empty with seed: false). */
  seeds: string[];
  /** What was (or, on a dry run, would be) dropped. */
  dropped: string;
  cancelled: boolean;
  shim: ShimReport | null;
  /** Of `applied`, how many came with a state `kodo check` cached instead of being replayed. */
  cached: number;
  standIns: string[];
  warnings: string[];
}

const EMBEDDED_SHOWN = EMBEDDED_DIR.split(path.sep).join('/');
const EMBEDDED_LABEL = `embedded (${EMBEDDED_SHOWN})`;

export async function resetDatabase(opts: ResetOptions): Promise<ResetResult> {
  const project = projectOf(opts.project ?? opts.root);
  const env = opts.env ?? process.env;
  const target = parseDatabaseSpec(opts.db, env, opts.root);
  const migrations = project.migrations();
  const { listing, loaded } = opts.seed === false ? { listing: null, loaded: [] } : project.seeds();
  const seeds: LoadedSeed[] = loaded;
  const label =
    target.kind === 'embedded' ? EMBEDDED_LABEL : target.kind === 'memory' ? 'memory' : target.label;
  if (target.kind === 'postgres' && !isLocalStack(target, opts.root)) {
    throw new KodoError(
      'reset-refused',
      `kodo reset rebuilds only a development database: the embedded one (default), memory, or ${localStackPhrase(opts.root)}; ${label} is none of them. To change another database, apply migrations with kodo up.`,
    );
  }
  const embeddedExists =
    target.kind === 'embedded' && (await exists(path.join(opts.root, EMBEDDED_DIR, 'PG_VERSION')));
  const drops =
    target.kind === 'embedded' && !embeddedExists
      ? `nothing (${EMBEDDED_SHOWN} does not exist yet: it is created)`
      : target.kind === 'embedded'
        ? `the embedded database in ${EMBEDDED_SHOWN}: every schema, table and row it holds`
        : target.kind === 'memory'
          ? 'nothing (a new in-memory database)'
          : 'every extension and schema your migrations created (Supabase platform schemas such as auth and storage are kept), everything in public, every policy and non-realtime publication, and the rows of auth, storage, vault, supabase_functions and supabase_migrations (the migration history)';
  const plan: ResetPlan = {
    target: label,
    planId: planIdFor(`reset ${label}`, [...migrations, ...seeds]),
    drops,
    files: migrations.map((m) => ({ version: m.version, file: m.file })),
    seeds: seeds.map((s) => s.file),
  };
  const result: ResetResult = {
    target: label,
    dryRun: opts.dryRun ?? false,
    applied: [],
    seeded: [],
    failure: null,
    failedPhase: null,
    planId: plan.planId,
    plan: plan.files,
    seeds: plan.seeds,
    dropped: drops,
    cancelled: false,
    shim: null,
    cached: 0,
    standIns: [],
    warnings: [...project.folder().warnings.map((w) => w.message), ...(listing?.warnings ?? [])],
  };
  if (opts.planId !== undefined && opts.planId !== plan.planId) {
    throw new KodoError(
      'plan-changed',
      `The migrations, the seeds or the target changed since the reset plan was approved (target ${label}); run a new dry run and review it.`,
    );
  }
  if (result.dryRun) return result;
  if (target.kind === 'postgres' && opts.planId === undefined) {
    if (!opts.confirm) {
      throw new KodoError(
        'approval-required',
        `Resetting ${label} drops ${drops}; it needs approval: run a dry run, show its plan to the user, and reset with the planId of the plan they approved.`,
      );
    }
    if (!(await opts.confirm(plan))) return { ...result, cancelled: true };
  }

  const lockTimeoutMs = opts.lockTimeoutMs;
  // The state `kodo check` cached for a prefix of these files is exactly what replaying them gives (same snapshot,
  // same apply, same history rows): the embedded database starts from it and only the rest is applied.
  const cached = target.kind === 'embedded' ? await cachedState(migrations, env).catch(() => null) : null;
  const db =
    target.kind === 'embedded'
      ? await openEmbeddedDatabase(opts.root, {
          env,
          fresh: true,
          freshFrom: cached?.tar,
          ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }),
        })
      : target.kind === 'memory'
        ? await openMemoryDatabase('memory', { env })
        : await openDatabase(opts.db, {
            root: opts.root,
            env,
            // Dropping waits for every session that holds a lock on what it drops: fail fast instead, as up does.
            serverLockTimeoutMs: durationMs((await project.config()).lockTimeout ?? DEFAULT_LOCK_TIMEOUT),
          });
  try {
    if (db.kind === 'postgres') {
      await withMigrationLock(db, () => rebuildServer(db, migrations, seeds, result, opts), {
        ...(opts.onWait ? { onWait: opts.onWait } : {}),
      });
    } else {
      if (cached) {
        result.applied.push(...migrations.slice(0, cached.prefix).map((m) => m.version));
        result.warnings.push(...cached.warnings);
        result.cached = cached.prefix;
      }
      await replayInto(db, migrations, seeds, result, opts, cached?.prefix ?? 0);
      result.standIns = await listStandInsUsed(db);
    }
    return result;
  } finally {
    await db.close();
  }
}

async function rebuildServer(
  db: Database,
  migrations: LoadedMigration[],
  seeds: LoadedSeed[],
  result: ResetResult,
  opts: ResetOptions,
): Promise<void> {
  await db.exec(WIPE_SQL);
  result.shim = await prepareServer(db, false);
  await replayInto(db, migrations, seeds, result, opts, 0);
}

/** Every migration through the one replay (as `kodo up` applies them), then the seeds; stops at the first failure. */
async function replayInto(
  db: Database,
  migrations: LoadedMigration[],
  seeds: LoadedSeed[],
  result: ResetResult,
  opts: ResetOptions,
  /** Files at the start of `migrations` that the database already holds (a cached state). */
  done: number,
): Promise<void> {
  const total = migrations.length + seeds.length;
  const run = await replay(migrations, {
    root: opts.root,
    env: opts.env ?? process.env,
    signal: opts.signal,
    start: { db, prefix: done, warnings: [] },
    onProgress: (n, _files, file) => opts.onProgress?.(n, total, file, 'migration'),
  });
  result.applied.push(...migrations.slice(done, run.applied).map((m) => m.version));
  result.warnings.push(...run.warnings);
  if (run.failure) {
    result.failure = run.failure;
    result.failedPhase = 'migration';
    return;
  }
  if (run.cancelled || (seeds.length > 0 && (await cancelRequested(opts.signal)))) {
    result.cancelled = true;
    return;
  }
  if (seeds.length === 0) return;
  const seeded = await applySeeds(db, seeds, {
    root: opts.root,
    onFile: (n, _seeds, file) => opts.onProgress?.(migrations.length + n, total, file, 'seed'),
  });
  result.seeded = seeded.seeded;
  result.warnings.push(...seeded.warnings);
  if (seeded.failure) {
    result.failure = seeded.failure;
    result.failedPhase = 'seed';
  }
}
