// The initialised data directory every embedded and memory database starts from, built once and cached:
// initdb plus the shim takes seconds, loading this tarball a fraction of one.
import { createHash, randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeAtomic } from '../core/fs.js';
import { withLock } from '../core/lock.js';
import { EXTENSION_BUNDLES, wasmPath } from './assets.js';
import { INITDB_PARAMS, PgliteDatabase, START_PARAMS, startPglite } from './pglite-database.js';
import { ensureSupabaseShim, SHIM_SQL } from './shim/index.js';
import { ensureStandInLog, installPreinstalledStandIns, STANDIN_LOG_SQL } from './standins/install.js';
import { controlFile, PREINSTALLED_STANDINS, STANDINS } from './standins/registry.js';
import { readTar, readTreeSync, writeTar } from './tar.js';

/** Bump when the snapshot's content changes in a way the hashed inputs below do not show. */
const FORMAT = 2;

/** `KODO_CACHE_DIR`, else `$XDG_CACHE_HOME/kodo`, else `~/.cache/kodo` (the XDG default), else `<tmp>/kodo-cache`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['KODO_CACHE_DIR']) return path.resolve(env['KODO_CACHE_DIR']);
  if (env['XDG_CACHE_HOME']) return path.join(env['XDG_CACHE_HOME'], 'kodo');
  if (env['HOME']) return path.join(env['HOME'], '.cache', 'kodo');
  return path.join(os.tmpdir(), 'kodo-cache');
}

/** The cache file for this PGlite build and this shim; any change to either gives a new file. */
export async function snapshotPath(assetDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  // PGlite exports no version: the size of its WebAssembly and data files identifies a release well enough.
  const sizes = await Promise.all(
    [wasmPath(assetDir), path.join(assetDir, 'pglite.data')].map(async (f) => (await fs.stat(f)).size),
  );
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        FORMAT,
        sizes,
        START_PARAMS,
        INITDB_PARAMS,
        SHIM_SQL,
        STANDIN_LOG_SQL,
        STANDINS.map((s) => [controlFile(s), s.sql]),
        PREINSTALLED_STANDINS,
        EXTENSION_BUNDLES,
      ]),
    )
    .digest('hex')
    .slice(0, 20);
  return path.join(cacheDir(env), `pglite-${key}.tar`);
}

const loaded = new Map<string, Promise<Uint8Array>>();

/** The snapshot tarball, building and caching it first if needed; read once per process. */
export function loadSnapshot(assetDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array> {
  const pending = (async () => {
    const file = await snapshotPath(assetDir, env);
    let promise = loaded.get(file);
    if (!promise) {
      promise = readOrBuild(file, assetDir);
      loaded.set(file, promise);
      // A failed build must not stay cached for the life of the process.
      promise.catch(() => loaded.delete(file));
    }
    return promise;
  })();
  return pending;
}

const STALE_SNAPSHOT_MS = 7 * 24 * 3600_000;

async function readOrBuild(file: string, assetDir: string): Promise<Uint8Array> {
  const cached = await fs.readFile(file).catch(() => null);
  if (cached) {
    // Marks it in use, for removeStaleSnapshots in other kodo versions sharing the cache.
    const now = new Date();
    await fs.utimes(file, now, now).catch(() => undefined);
    return cached;
  }
  // One builder at a time across processes; the others then read its file.
  return withLock(
    file,
    async () => {
      const built = await fs.readFile(file).catch(() => null);
      if (built) return built;
      // Built beside the cache file, or in the temporary folder when the cache folder cannot be created.
      const workDir = await fs.mkdir(path.dirname(file), { recursive: true }).then(
        () => path.dirname(file),
        () => os.tmpdir(),
      );
      announceBuild();
      const tarball = await buildSnapshot(assetDir, workDir);
      // An unwritable cache costs the next start its speed, not this one its database.
      await writeAtomic(file, tarball).catch(() => undefined);
      await removeStaleSnapshots(file);
      return tarball;
    },
    120_000,
  );
}

/**
 * The first start on a machine (or after an upgrade of kodo) builds the snapshot: said once, on stderr (never
 * stdout, which is the MCP protocol's and `--json`'s), so a silent pause is not mistaken for a hang. Measured on a
 * 2-core machine: 4 to 6 s.
 */
function announceBuild(): void {
  process.stderr.write('preparing the embedded Supabase database, once: about 5 s\n');
}

/**
 * Unpacks the snapshot into a new data directory with Node's own file functions: several times faster than
 * PGlite's `loadDataDir` through its emulated file system. The folder appears complete or not at all.
 */
export async function extractSnapshot(tarball: Uint8Array, dataDir: string): Promise<void> {
  const tmp = `${dataDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const entries = readTar(tarball);
    const dirs = new Set<string>([tmp]);
    for (const entry of entries) {
      if (entry.path.split('/').includes('..'))
        throw new Error(`Unsafe path in the snapshot: ${entry.path}.`);
      const target = path.join(tmp, entry.path);
      dirs.add(entry.type === 'directory' ? target : path.dirname(target));
    }
    // Synchronous on purpose: a thousand small files go several times faster without a thread-pool hop each.
    for (const dir of [...dirs].sort()) fsSync.mkdirSync(dir, { recursive: true });
    for (const entry of entries) {
      if (entry.type === 'file') fsSync.writeFileSync(path.join(tmp, entry.path), entry.data);
    }
    // An empty folder in the way is replaced; anything else makes rename fail, and nothing is lost.
    await fs.rmdir(dataDir).catch(() => undefined);
    await fs.rename(tmp, dataDir);
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Runs initdb, installs the shim, the stand-in log and the pre-installed stand-ins, shuts Postgres down cleanly
 * (so that no database started from the snapshot has to run crash recovery) and archives the data directory.
 */
export async function buildSnapshot(assetDir: string, workDir: string): Promise<Uint8Array> {
  const dataDir = path.join(workDir, `build-${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(dataDir, { recursive: true });
  try {
    const pg = await startPglite({ assetDir, dataDir });
    try {
      const db = new PgliteDatabase(pg, { kind: 'memory', label: 'snapshot', throwaway: true });
      await ensureStandInLog(db);
      await ensureSupabaseShim(db);
      await installPreinstalledStandIns(db);
    } finally {
      await pg.close();
    }
    return writeTar(readTreeSync(dataDir));
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** Snapshots of other PGlite or shim versions, unused for a week, are removed: each holds tens of MB. */
async function removeStaleSnapshots(current: string): Promise<void> {
  const dir = path.dirname(current);
  const names = await fs.readdir(dir).catch(() => []);
  for (const name of names) {
    const file = path.join(dir, name);
    if (!/^pglite-[0-9a-f]+\.tar$/.test(name) || file === current) continue;
    const stat = await fs.stat(file).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > STALE_SNAPSHOT_MS) await fs.rm(file, { force: true });
  }
}
