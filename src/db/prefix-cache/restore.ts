// Starts a throwaway database from a cached checkpoint: the archive is unpacked into a temporary folder with Node's
// own file functions and PGlite runs on it there (unpacking into PGlite's in-memory file system is several times
// slower for the thousands of files a large schema has). The folder goes when the database closes.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mark } from '../../core/timing.js';
import { assetDir as defaultAssetDir } from '../assets.js';
import type { Database } from '../database.js';
import { PgliteDatabase, preparePglite, startPglite } from '../pglite-database.js';
import { extractSnapshot } from '../snapshot.js';

const PREFIX = 'kodo-check-';

/** Folders of processes that died without closing their database (killed): 50 MB each, removed by the next one. */
async function removeOrphans(): Promise<void> {
  const names = await fs.readdir(os.tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^kodo-check-(\d+)-[0-9a-f]{8}$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    await fs.rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openCheckpoint(
  tar: Uint8Array,
  label: string,
  assetDir = defaultAssetDir(),
): Promise<Database> {
  await removeOrphans();
  const dataDir = path.join(os.tmpdir(), `${PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  const remove = () => fs.rm(dataDir, { recursive: true, force: true });
  try {
    await Promise.all([extractSnapshot(tar, dataDir), preparePglite(assetDir)]);
    // The archive was taken from a running server: its pid file would only confuse the start.
    await fs.rm(path.join(dataDir, 'postmaster.pid'), { force: true });
    mark('check: checkpoint unpacked');
    const pg = await startPglite({ assetDir, dataDir });
    return new PgliteDatabase(pg, { kind: 'memory', label, throwaway: true, dataDir, onClose: remove });
  } catch (e) {
    await remove();
    throw e;
  }
}
