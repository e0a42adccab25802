// File writes that never leave half-written files and never overwrite (write a temp file, then link it), and
// reads that never hang on a FIFO nor fill memory from a device.
import { randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { KodoError } from './errors.js';

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
export async function writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.kodo-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    await fs.writeFile(tmp, content, { flag: 'wx' });
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

/**
 * The real path of `p` even when it does not exist yet: the real path of its nearest existing ancestor with the
 * rest appended, and for a dangling symlink, of where it points (where a later write would land). Locks are keyed
 * by it, so a symlinked root and its target share one lock; confinement checks compare it.
 */
export function realPathOf(p: string, hops = 0): string {
  const abs = path.resolve(p);
  try {
    return fsSync.realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || hops > 40) throw symlinkLoop(abs);
    // Anything but "does not exist" (a file in the way, no permission) keeps the lexical path.
    if (code !== 'ENOENT') return abs;
    const parent = path.dirname(abs);
    if (fsSync.lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink())
      return realPathOf(path.resolve(parent, fsSync.readlinkSync(abs)), hops + 1);
    return parent === abs ? abs : path.join(realPathOf(parent, hops), path.basename(abs));
  }
}

function symlinkLoop(p: string): KodoError {
  return new KodoError('symlink-loop', `${p} leads into a loop of symbolic links; remove or fix the link.`);
}

/** True when `p` is `dir` or inside it (both absolute and already resolved). */
export function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  // `..foo` is a child named so, not a way out.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The largest file kodo reads as SQL: bigger is a mistake (a dump, a log), never a migration. */
export const MAX_SQL_BYTES = 64 * 1024 * 1024;

/**
 * Reads a regular file of at most MAX_SQL_BYTES. Opened non-blocking and checked with fstat after opening, so a
 * FIFO or a device swapped in after a listing is refused instead of hanging or filling memory. Synchronous: for
 * many small files one thread beats a thread-pool round trip per call. `shown` names the file in messages.
 */
export function readRegularFileSync(file: string, shown: string): Buffer {
  let fd: number;
  try {
    fd = fsSync.openSync(file, fsSync.constants.O_RDONLY | fsSync.constants.O_NONBLOCK);
  } catch (e) {
    throw unreadable(shown, e);
  }
  try {
    const stat = fsSync.fstatSync(fd);
    if (!stat.isFile()) throw notRegular(shown, stat);
    if (stat.size > MAX_SQL_BYTES) throw tooLarge(shown, stat.size);
    return fsSync.readFileSync(fd);
  } catch (e) {
    if (e instanceof KodoError) throw e;
    throw unreadable(shown, e);
  } finally {
    fsSync.closeSync(fd);
  }
}

export function unreadable(shown: string, e: unknown): KodoError {
  const code = (e as NodeJS.ErrnoException).code;
  const denied = code === 'EACCES' || code === 'EPERM';
  const why = denied ? 'permission denied' : (e as Error).message;
  const todo = denied ? 'give your user read access to it' : 'check the path';
  return new KodoError('unreadable', `${shown} cannot be read (${why}); ${todo}.`);
}

/** What a non-regular file is, in words. */
export function fileKind(stat: fsSync.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSymbolicLink()) return 'a symlink';
  return 'not a regular file';
}

export function notRegular(shown: string, stat: fsSync.Stats): KodoError {
  return new KodoError(
    'not-a-file',
    `${shown} is ${fileKind(stat)}, not a regular file; kodo reads only regular files, so replace or remove it.`,
  );
}

function tooLarge(shown: string, size: number): KodoError {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  return new KodoError(
    'file-too-large',
    `${shown} is ${mb(size)}, over kodo's limit of ${mb(MAX_SQL_BYTES)} for one SQL file; split it into smaller migrations.`,
  );
}

/** A folder's entries, or null when it does not exist (a tool that has not generated anything yet). */
export function readDirOrNull(dir: string): fsSync.Dirent[] | null {
  try {
    return fsSync.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
