// The temporary data directories of throwaway PGlite databases (`memory`, check's scratch, restored cache states):
// on disk rather than in PGlite's in-memory file system, which replays as fast, keeps a large schema's files out of
// the process's memory (hundreds of MB on a real folder), and starts faster. Each is removed when its database
// closes; those of killed processes are removed by the next one.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from './dir-lock.js';

const PATTERN = /^kodo-check-(\d+)-[0-9a-f]{8}$/;

/** A new folder name under the system's temporary folder (not created). */
export function newScratchDir(): string {
  return path.join(os.tmpdir(), `kodo-check-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Folders of processes that died without closing their database: tens of MB each. */
export async function removeOrphanScratchDirs(): Promise<void> {
  const names = await fs.readdir(os.tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(PATTERN.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    await fs.rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}
