// File writes that never leave half-written files and never overwrite: write a temp file, then link it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Creates `file` with `content` only if it does not exist yet; returns false when it already exists. */
export async function createExclusive(file: string, content: string): Promise<boolean> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.kodo-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(tmp, content, { flag: 'wx' });
  try {
    // link() fails with EEXIST instead of replacing, which rename() would do.
    await fs.link(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Replaces `file` atomically (for files kodo owns, never for migrations). */
export async function writeAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.kodo-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(tmp, content, { flag: 'wx' });
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
