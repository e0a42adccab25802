// The prefix-snapshot cache: the state of a throwaway database after each prefix of a migration folder, so that a
// check after adding or editing the newest migration replays only what changed. One engine for check, reset, diff
// and the RLS matrix alike.
import path from 'node:path';
import { assetDir } from '../assets.js';
import { cacheDir, snapshotPath } from '../snapshot.js';
import { prefixKeys } from './keys.js';
import { type CacheBudget, PrefixCache } from './store.js';

export { openUnpacked, unpackCheckpoint } from './restore.js';
export type { CacheHit } from './store.js';
export { PrefixCache } from './store.js';
export { prefixKeys };

const MB = 1024 * 1024;

/** `KODO_CHECK_CACHE_MB` (default 1024; 0 turns the cache off) bounds the folder; at most 16 entries. */
export function budgetOf(env: NodeJS.ProcessEnv): CacheBudget | null {
  const raw = env['KODO_CHECK_CACHE_MB'];
  const mb = raw === undefined || raw.trim() === '' ? 1024 : Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) return null;
  return { maxBytes: mb * MB, maxEntries: 16 };
}

/** What every chain starts from: the key of this PGlite build's and this shim's snapshot. */
export async function chainBase(env: NodeJS.ProcessEnv): Promise<string> {
  return path.basename(await snapshotPath(assetDir(), env), '.tar');
}

/**
 * The cache on disk, or null when turned off; in `KODO_CHECK_CACHE_DIR`, else `checks/` in kodo's cache folder.
 */
export function openPrefixCache(env: NodeJS.ProcessEnv): PrefixCache | null {
  const budget = budgetOf(env);
  if (!budget) return null;
  const dir = env['KODO_CHECK_CACHE_DIR']
    ? path.resolve(env['KODO_CHECK_CACHE_DIR'])
    : path.join(cacheDir(env), 'checks');
  return new PrefixCache(dir, budget);
}

/**
 * The newest cached state of a prefix of `files` (what `kodo check` left), verified, as an archive a database can
 * start from: `kodo reset` builds the embedded database from it and applies only the files after it.
 */
export async function cachedState(
  files: readonly { file: string; sha256: string }[],
  env: NodeJS.ProcessEnv,
): Promise<{ prefix: number; warnings: string[]; tar: Uint8Array } | null> {
  const cache = openPrefixCache(env);
  if (!cache || files.length === 0) return null;
  const hit = cache.find(prefixKeys(await chainBase(env), files));
  const tar = hit ? await cache.archive(hit) : null;
  return hit && tar ? { prefix: hit.meta.prefix, warnings: hit.meta.warnings, tar } : null;
}
