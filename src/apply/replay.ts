// The replay behind `kodo check`: every migration, in order, on a throwaway database, stopping at the first failure.
//
// On the embedded engine the replay starts from the longest prefix of the folder whose state is cached (see
// src/db/prefix-cache), and leaves behind the states an agent's next check needs: the folder without its newest
// file (for an edit of that file) and the whole folder (for a file added after it). Saving costs about as much as
// restoring, so it happens only when replaying took longer than that (`KODO_CHECK_CACHE_MIN_MS`, default 400 ms).
import { mark } from '../core/timing.js';
import type { Database } from '../db/database.js';
import { openScratchDatabase } from '../db/open.js';
import type { PgliteDatabase } from '../db/pglite-database.js';
import { openCheckpoint, openPrefixCache, type PrefixCache, prefixKeys } from '../db/prefix-cache/index.js';
import type { ServerScratchOptions } from '../db/scratch.js';
import { parseDatabaseSpec } from '../db/spec.js';
import type { LoadedMigration } from '../migrations/read.js';
import { applyFile } from './apply-file.js';
import { cancelRequested } from './cancel.js';
import type { ApplyFailure } from './failure.js';
import { createHistoryTable } from './history.js';

export interface ReplayOptions {
  root: string;
  db?: string | undefined;
  env: NodeJS.ProcessEnv;
  server?: ServerScratchOptions;
  /** False skips the prefix cache (reads and writes). */
  cache?: boolean;
  signal?: AbortSignal | undefined;
  onProgress?: (done: number, total: number, file: string) => void | Promise<void>;
  /** After each file applied on a server scratch database (its clean-up bookkeeping). */
  afterFile?: () => Promise<void>;
}

export interface Replay {
  db: Database;
  applied: number;
  failure: ApplyFailure | null;
  cancelled: boolean;
  warnings: string[];
  /** How many files came from the cache instead of being applied. */
  cached: number;
}

interface CacheUse {
  cache: PrefixCache;
  keys: string[];
  minMs: number;
}

async function cacheFor(migrations: LoadedMigration[], opts: ReplayOptions): Promise<CacheUse | null> {
  if (opts.cache === false || migrations.length === 0) return null;
  const opened = await openPrefixCache(opts.env).catch(() => null);
  if (!opened) return null;
  const raw = Number(opts.env['KODO_CHECK_CACHE_MIN_MS'] ?? 400);
  return {
    cache: opened.cache,
    keys: prefixKeys(opened.base, migrations),
    minMs: Number.isFinite(raw) ? raw : 400,
  };
}

/** Replays `migrations`; the caller closes `db` (after reading what it needs from it: stand-ins, seeds). */
export async function replay(migrations: LoadedMigration[], opts: ReplayOptions): Promise<Replay> {
  const onServer = parseDatabaseSpec(opts.db, opts.env).kind === 'postgres';
  const use = onServer ? null : await cacheFor(migrations, opts);
  const hit = use ? await use.cache.find(use.keys).catch(() => null) : null;
  let db: Database;
  if (hit) {
    db = await openCheckpoint(hit.checkpoint.tar, 'memory (scratch)');
    mark(`check: restored ${hit.checkpoint.meta.prefix} files from the cache`);
  } else {
    db = await openScratchDatabase(opts.db, { root: opts.root, env: opts.env, server: opts.server });
  }
  const start = hit?.checkpoint.meta.prefix ?? 0;
  const run: Replay = {
    db,
    applied: start,
    failure: null,
    cancelled: false,
    warnings: [...(hit?.checkpoint.meta.warnings ?? [])],
    cached: start,
  };
  try {
    // Recording history as `up` does makes duplicate versions fail here exactly as they would there.
    if (!hit) await createHistoryTable(db);
    const began = performance.now();
    const save = async (prefix: number) => {
      if (!use || prefix <= start || performance.now() - began < use.minMs) return;
      // An unwritable or full cache costs the next check its speed, never this one its result.
      try {
        const tar = await (db as PgliteDatabase).captureDataDir();
        await use.cache.save(use.keys[prefix - 1]!, prefix, run.warnings.slice(), tar);
        mark(`check: cached the state after ${prefix} files`);
      } catch {}
    };
    for (let i = start; i < migrations.length; i++) {
      const migration = migrations[i]!;
      if (await cancelRequested(opts.signal)) {
        run.cancelled = true;
        break;
      }
      if (i === migrations.length - 1) await save(i);
      await opts.onProgress?.(i + 1, migrations.length, migration.file);
      const outcome = await applyFile(db, migration);
      run.warnings.push(...outcome.warnings);
      if (outcome.failure) {
        run.failure = outcome.failure;
        break;
      }
      run.applied += 1;
      await opts.afterFile?.();
    }
    if (run.applied === migrations.length) await save(migrations.length);
    return run;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
