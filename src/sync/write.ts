// Writes a sync run all or nothing: every file goes to a temp file in its own folder first, then each is put in
// place (a new file by link, which refuses to replace; a --force rewrite by rename, after a backup copy). On any
// failure, what this run put in place is removed and every replaced file restored from its backup.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import type { FileWrite } from './render.js';

export interface WriteOutcome {
  written: string[];
  backups: Array<{ file: string; backup: string }>;
}

/** `backupDir`: relative to the root, used only when a file is replaced. */
export async function writeAll(root: string, writes: FileWrite[], backupDir: string): Promise<WriteOutcome> {
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  const temps: string[] = [];
  const placed: string[] = [];
  const backups: WriteOutcome['backups'] = [];
  try {
    for (const w of writes) temps.push(await writeTemp(abs(w.file), w.content));
    for (const [i, w] of writes.entries()) {
      if (w.replace) {
        const backup = await backUp(abs(w.file), `${backupDir}/${w.file}`, root);
        if (backup) backups.push({ file: w.file, backup });
        await fs.rename(temps[i]!, abs(w.file));
      } else {
        await link(temps[i]!, abs(w.file), w.file);
      }
      placed.push(w.file);
    }
  } catch (e) {
    await undo(root, placed, backups);
    throw e;
  } finally {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
  }
  return { written: placed, backups };
}

async function writeTemp(file: string, content: string): Promise<string> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  // A dot name without .sql: the Supabase CLI and kodo skip it even if a crash leaves it behind.
  const tmp = path.join(path.dirname(file), `.kodo-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(tmp, content, { flag: 'wx' });
  return tmp;
}

async function link(tmp: string, file: string, shown: string): Promise<void> {
  try {
    await fs.link(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    throw new KodoError(
      'sync-target-exists',
      `${shown} already exists and kodo sync never overwrites a file it did not plan to; move it away and run kodo sync again (nothing was written).`,
    );
  }
}

/** Copies an existing file to the backup folder; null when there is nothing to back up. */
async function backUp(file: string, backup: string, root: string): Promise<string | null> {
  const target = path.join(root, ...backup.split('/'));
  await fs.mkdir(path.dirname(target), { recursive: true });
  try {
    await fs.copyFile(file, target, fs.constants.COPYFILE_EXCL);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return backup;
}

/** Puts back what a failed run replaced and removes what it created, its backups included. */
async function undo(root: string, placed: string[], backups: WriteOutcome['backups']): Promise<void> {
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  for (const file of placed) {
    const backup = backups.find((b) => b.file === file);
    if (backup) await fs.copyFile(abs(backup.backup), abs(file));
    else await fs.rm(abs(file), { force: true });
  }
  for (const b of backups) await fs.rm(abs(b.backup), { force: true });
}
