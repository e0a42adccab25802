// A cross-process lock held for as long as an embedded database is open: two processes must never open one PGlite
// data directory. Unlike core/lock.ts (short critical sections, broken after 30 s), this lock lives as long as its
// holder, so a lock is stale only when the process that wrote it is gone. Both are keyed by real paths.
import { createHash, randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { realPathOf } from '../core/fs.js';

export interface HeldLock {
  release(): Promise<void>;
}

const held = new Map<string, string>();
let exitHookInstalled = false;

/**
 * Keyed by the real path (nearest existing ancestor resolved): a root reached through a symlink, or a `.kodo` that
 * is itself a link into a folder shared with another project, must find the same lock as the target's own path.
 */
function lockFile(dir: string): string {
  const digest = createHash('sha256').update(realPathOf(dir)).digest('hex').slice(0, 24);
  return path.join(os.tmpdir(), `kodo-db-lock-${digest}`);
}

/** Takes the lock on `dir`, waiting up to `timeoutMs` for its holder to let go. */
export async function acquireDirLock(dir: string, timeoutMs: number): Promise<HeldLock> {
  const file = lockFile(dir);
  const token = `${process.pid} ${randomBytes(6).toString('hex')}`;
  const started = Date.now();
  let delay = 20;
  for (;;) {
    try {
      await fs.writeFile(file, token, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const content = await fs.readFile(file, 'utf8').catch(() => '');
    const holder = holderPid(content);
    if (holder !== null && !isAlive(holder)) {
      // Re-read so that a lock just taken by a third process is not removed along with the stale one.
      if ((await fs.readFile(file, 'utf8').catch(() => '')) === content) await fs.rm(file, { force: true });
      continue;
    }
    if (Date.now() - started >= timeoutMs) throw busy(dir, holder, file);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 200);
  }
  held.set(file, token);
  installExitHook();
  return {
    release: async () => {
      if (held.get(file) !== token) return;
      held.delete(file);
      const content = await fs.readFile(file, 'utf8').catch(() => null);
      if (content === token) await fs.rm(file, { force: true });
    },
  };
}

/** The pid in a lock file's content; null while the file is being written. */
function holderPid(content: string): number | null {
  const pid = Number.parseInt(content.split(' ')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Whether a process with this pid exists (under any user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(dir: string, holder: number | null, file: string): KodoError {
  const who =
    holder === process.pid
      ? 'is already open in this process; close it first'
      : `is in use by another kodo process${holder ? ` (pid ${holder})` : ''}; wait for it to finish, or stop it`;
  return new KodoError(
    'database-busy',
    `The embedded database in ${dir} ${who}, then retry (lock file: ${file}).`,
  );
}

// A process that exits without closing its database must not leave its lock behind.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [file, token] of held) {
      try {
        if (fsSync.readFileSync(file, 'utf8') === token) fsSync.rmSync(file, { force: true });
      } catch {
        // Already gone.
      }
    }
  });
}
