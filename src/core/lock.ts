// A cross-process lock on a folder, so two kodo processes never allocate the same migration version.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KodoError } from './errors.js';
import { realPathOf } from './fs.js';

const STALE_MS = 30_000;

/** The real path of the key (a symlinked folder and its target share one lock), hashed into a temp file name. */
function lockPath(key: string): string {
  const digest = createHash('sha256').update(realPathOf(key)).digest('hex').slice(0, 24);
  return path.join(os.tmpdir(), `kodo-lock-${digest}`);
}

/** Runs `fn` while holding an exclusive lock named by `key` (an absolute path). */
export async function withLock<T>(key: string, fn: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const file = lockPath(key);
  const started = Date.now();
  let delay = 5;
  for (;;) {
    try {
      const handle = await fs.open(file, 'wx');
      await handle.writeFile(`${process.pid} ${Date.now()}`);
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const stat = await fs.stat(file).catch(() => null);
      // A lock left by a crashed process is broken after STALE_MS.
      if (stat && Date.now() - stat.mtimeMs > STALE_MS) await fs.rm(file, { force: true });
      if (Date.now() - started > timeoutMs) {
        throw new KodoError(
          'lock-timeout',
          `Another kodo process has held the lock for ${key} for over ${timeoutMs / 1000} s; wait for it to finish or delete ${file}.`,
        );
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 100);
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(file, { force: true });
  }
}
