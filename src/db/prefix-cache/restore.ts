// Starts a throwaway database from a cached state: the archive is unpacked into a temporary folder and PGlite runs
// on it there (unpacking into PGlite's in-memory file system is several times slower for the thousands of files a
// large schema has). The unpacking is done by the system's `tar` in its own process, so it runs on another core
// while kodo lints; without `tar`, by Node. The archive's checksum is verified meanwhile, and a state that fails it
// is never started. The folder goes when the database closes.
import fs from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { mark } from '../../core/timing.js';
import { assetDir as defaultAssetDir } from '../assets.js';
import type { Database } from '../database.js';
import { PgliteDatabase, startPglite } from '../pglite-database.js';
import { newScratchDir, removeOrphanScratchDirs } from '../scratch-dir.js';
import { extractSnapshot } from '../snapshot.js';
import { type CacheHit, type PrefixCache, readWhole } from './store.js';

/** `tar -xf` into `dir` (which exists); false when there is no usable tar, so Node does it. */
async function systemTar(archive: string, dir: string): Promise<boolean> {
  try {
    await execa('tar', ['-xf', archive, '-C', dir], { stdin: 'ignore', timeout: 120_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Unpacks a cached state into a new temporary folder, verified; null (and nothing left behind) when the entry is
 * damaged or cannot be unpacked.
 */
export async function unpackCheckpoint(cache: PrefixCache, hit: CacheHit): Promise<string | null> {
  await removeOrphanScratchDirs();
  const dataDir = newScratchDir();
  try {
    await fs.mkdir(dataDir);
    const [verified, unpacked] = await Promise.all([cache.verify(hit), systemTar(hit.tar, dataDir)]);
    if (!verified) throw new Error('checksum');
    if (!unpacked) {
      await fs.rm(dataDir, { recursive: true, force: true });
      await extractSnapshot(await readWhole(hit.tar), dataDir);
    }
    // The archive was taken from a running server: its pid file would only confuse the start.
    await fs.rm(path.join(dataDir, 'postmaster.pid'), { force: true });
    mark('check: checkpoint unpacked');
    return dataDir;
  } catch {
    await fs.rm(dataDir, { recursive: true, force: true });
    return null;
  }
}

/** PGlite on an unpacked state; the folder is removed when the database closes. */
export async function openUnpacked(
  dataDir: string,
  label: string,
  assetDir = defaultAssetDir(),
): Promise<Database> {
  const remove = () => fs.rm(dataDir, { recursive: true, force: true });
  try {
    const pg = await startPglite({ assetDir, dataDir });
    return new PgliteDatabase(pg, { kind: 'memory', label, throwaway: true, dataDir, onClose: remove });
  } catch (e) {
    await remove();
    throw e;
  }
}
