// The replay behind `kodo check`: every migration, in order, on a throwaway database, stopping at the first failure.
//
// On PGlite (a scratch data directory in a temporary folder) the replay starts from the longest prefix of the
// folder whose state is cached (see src/db/prefix-cache), and leaves behind the states an agent's next check
// needs: the folder without its newest file (for an edit of that file) and the whole folder (for a file added
// after it). Saving costs about as much as restoring, so it happens only when replaying took longer than that
// (`KODO_CHECK_CACHE_MIN_MS`, default 400 ms). On a server, a scratch database replays everything.
import fs from 'node:fs/promises';
import { mark } from '../core/timing.js';
import { assetDir } from '../db/assets.js';
import type { Database } from '../db/database.js';
import { openScratchDatabase } from '../db/open.js';
import { openMemoryDatabase } from '../db/pglite.js';
import { type PgliteDatabase, preparePglite } from '../db/pglite-database.js';
import {
  type CacheHit,
  chainBase,
  openPrefixCache,
  openUnpacked,
  type PrefixCache,
  prefixKeys,
  unpackCheckpoint,
} from '../db/prefix-cache/index.js';
import type { ServerScratchOptions } from '../db/scratch.js';
import { parseDatabaseSpec } from '../db/spec.js';
import type { LoadedMigration } from '../migrations/read.js';
import { applyFile } from './apply-file.js';
import { cancelRequested } from './cancel.js';
import type { ApplyFailure } from './failure.js';
import { createHistoryTable } from './history.js';
import { beginTrial, canTry } from './trial.js';
import { parkWarm, takeWarm, warmMatches } from './warm.js';

export interface ReplayOptions {
  root: string;
  db?: string | undefined;
  env: NodeJS.ProcessEnv;
  server?: ServerScratchOptions;
  /** False skips the prefix cache (reads and writes). */
  cache?: boolean;
  /**
   * A long-lived process (the MCP server): apply the newest file as a trial and keep the database, at the state
   * before that file, warm for the next check (see warm.ts and trial.ts).
   */
  keepWarm?: boolean;
  signal?: AbortSignal | undefined;
  onProgress?: (done: number, total: number, file: string) => void | Promise<void>;
  /** After each file applied on a server scratch database (its clean-up bookkeeping). */
  afterFile?: () => Promise<void>;
  /**
   * A database the caller opened (`kodo reset`'s embedded database or local stack), holding the first `prefix`
   * files already: the replay continues there, with no cache, and the caller closes it.
   */
  start?: { db: Database; prefix: number; warnings: string[] };
}

export interface Replay {
  /** The database in the state after the replay: read what is needed from it (stand-ins, seeds), then `finish`. */
  db: Database;
  applied: number;
  failure: ApplyFailure | null;
  cancelled: boolean;
  warnings: string[];
  /** How many files came from the cache (on disk or warm) instead of being applied. */
  cached: number;
  /** Closes the database, or rolls the trial back and keeps it warm. */
  finish: () => Promise<void>;
}

interface CacheUse {
  /** The cache on disk; null when KODO_CHECK_CACHE_MB=0 (a warm database is still used). */
  cache: PrefixCache | null;
  keys: string[];
  minMs: number;
}

async function cacheFor(migrations: LoadedMigration[], opts: ReplayOptions): Promise<CacheUse | null> {
  if (opts.cache === false || migrations.length === 0) return null;
  const base = await chainBase(opts.env).catch(() => null);
  if (base === null) return null;
  const raw = Number(opts.env['KODO_CHECK_CACHE_MIN_MS'] ?? 400);
  return {
    cache: openPrefixCache(opts.env),
    keys: prefixKeys(base, migrations),
    minMs: Number.isFinite(raw) ? raw : 400,
  };
}

/** What the replay can look up before it runs: the cache keys and the newest cached state, being unpacked. */
export interface Prefetched {
  use: CacheUse | null;
  /** Whether the newest file is applied as a trial (see trial.ts). */
  trial: boolean;
  hit: { meta: CacheHit['meta']; dataDir: Promise<string | null> } | null;
}

/**
 * Starts, in the background, what the replay will need first: PGlite's WebAssembly compiled (off the main thread)
 * and the newest cached state read. `kodo check` calls it before linting, so the two overlap.
 */
export async function prefetchReplay(
  migrations: LoadedMigration[],
  opts: ReplayOptions,
): Promise<Prefetched> {
  if (opts.start || parseDatabaseSpec(opts.db, opts.env, opts.root).kind === 'postgres')
    return { use: null, trial: false, hit: null };
  void preparePglite(assetDir()).catch(() => undefined);
  const use = await cacheFor(migrations, opts);
  const total = migrations.length;
  const trial = Boolean(opts.keepWarm && use && total >= 2 && canTry(migrations[total - 1]!));
  // A warm database that will serve instead leaves nothing to unpack.
  const warm = use && opts.keepWarm && warmMatches(use.keys, trial ? total - 1 : total);
  const found = use?.cache && !warm ? use.cache.find(use.keys) : null;
  if (!use?.cache || !found) return { use, trial, hit: null };
  return { use, trial, hit: { meta: found.meta, dataDir: unpackCheckpoint(use.cache, found) } };
}

/** Removes the state a prefetch unpacked, when the replay will not run after all. */
export async function discardPrefetched(prefetched: Promise<Prefetched>): Promise<void> {
  const dir = await (await prefetched.catch(() => null))?.hit?.dataDir;
  if (dir) await fs.rm(dir, { recursive: true, force: true });
}

/** Where the replay starts: a warm database, a cached state on disk, or a fresh scratch database. */
async function startingPoint(
  migrations: LoadedMigration[],
  { use, trial, hit: found }: Prefetched,
  opts: ReplayOptions,
): Promise<{ db: Database; prefix: number; warnings: string[]; fresh: boolean }> {
  // The history table is created (idempotently) on a database the caller brings.
  if (opts.start) return { ...opts.start, fresh: true };
  if (use && opts.keepWarm) {
    // A trial needs the state before the newest file; otherwise any state of this folder will do.
    const warm = takeWarm(use.keys, trial ? migrations.length - 1 : migrations.length);
    if (warm) {
      // A state unpacked meanwhile (another check parked this database since the lookup) is not needed.
      void found?.dataDir.then(async (dir) => {
        if (dir) await fs.rm(dir, { recursive: true, force: true });
      });
      mark(`check: continued from the warm database at ${warm.prefix} files`);
      return { db: warm.db, prefix: warm.prefix, warnings: warmWarnings.get(warm.db) ?? [], fresh: false };
    }
  }
  const dataDir = await found?.dataDir;
  if (found && dataDir) {
    const db = await openUnpacked(dataDir, 'memory (scratch)');
    mark(`check: restored ${found.meta.prefix} files from the cache`);
    return { db, prefix: found.meta.prefix, warnings: found.meta.warnings, fresh: false };
  }
  const onServer = parseDatabaseSpec(opts.db, opts.env, opts.root).kind === 'postgres';
  const db = onServer
    ? await openScratchDatabase(opts.db, { root: opts.root, env: opts.env, server: opts.server })
    : await openMemoryDatabase('memory (scratch)', { env: opts.env });
  return { db, prefix: 0, warnings: [], fresh: true };
}

/** The apply warnings of the files a warm database holds, which its next check reports as a cold one would. */
const warmWarnings = new WeakMap<Database, string[]>();

/** Replays `migrations`; the caller reads what it needs from `db`, then calls `finish()`. */
export async function replay(
  migrations: LoadedMigration[],
  opts: ReplayOptions,
  prefetched: Promise<Prefetched> = prefetchReplay(migrations, opts),
): Promise<Replay> {
  const total = migrations.length;
  const ready = await prefetched;
  const { use, trial } = ready;
  const from = await startingPoint(migrations, ready, opts);
  const { db } = from;
  const run: Replay = {
    db,
    applied: from.prefix,
    failure: null,
    cancelled: false,
    warnings: [...from.warnings],
    cached: from.prefix,
    finish: () => db.close(),
  };
  try {
    // Recording history as `up` does makes duplicate versions fail here exactly as they would there.
    if (from.fresh) await createHistoryTable(db);
    const began = performance.now();
    const save = async (prefix: number) => {
      if (!use?.cache || prefix <= from.prefix || performance.now() - began < use.minMs) return;
      // An unwritable or full cache costs the next check its speed, never this one its result.
      try {
        await use.cache.save(use.keys[prefix - 1]!, prefix, run.warnings.slice(), (file) =>
          (db as PgliteDatabase).captureDataDir(file),
        );
        mark(`check: cached the state after ${prefix} files`);
      } catch {}
    };
    let target = db;
    for (let i = from.prefix; i < total; i++) {
      const migration = migrations[i]!;
      if (await cancelRequested(opts.signal)) {
        run.cancelled = true;
        break;
      }
      if (i === total - 1) {
        await save(i);
        if (trial) target = await startTrial(run, use!.keys[i - 1]!);
      }
      await opts.onProgress?.(i + 1, total, migration.file);
      const outcome = await applyFile(target, migration);
      run.warnings.push(...outcome.warnings);
      if (outcome.failure) {
        run.failure = outcome.failure;
        break;
      }
      run.applied += 1;
      await opts.afterFile?.();
    }
    if (run.applied === total && target === db) await save(total);
    return run;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/** From here on the replay is a trial; `finish` rolls it back and parks the database at `key`. */
async function startTrial(run: Replay, key: string): Promise<Database> {
  const { db } = run;
  const before = run.warnings.slice();
  const trial = await beginTrial(db);
  run.db = trial.db;
  run.finish = async () => {
    try {
      await trial.end();
    } catch {
      await db.close();
      return;
    }
    warmWarnings.set(db, before);
    await parkWarm(key, db);
  };
  return trial.db;
}
