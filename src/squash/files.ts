// Replaces the folded migrations by the squashed file, all or nothing: the new text is written beside them first,
// the originals move to a backup folder under .kodo/ (which neither the Supabase CLI nor kodo reads as migrations),
// and the new file takes V's name. Any failure moves everything back. Under the lock `kodo new` takes, so no
// migration is created meanwhile.

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { createExclusive } from '../core/fs.js';
import { withLock } from '../core/lock.js';
import { migrationsDir } from '../core/project.js';
import type { LoadedMigration } from '../migrations/read.js';
import { formatTimestamp } from '../versions/allocate.js';
import { BACKUP_DIR } from './backups.js';

export interface Replaced {
  /** The squashed file (absolute). */
  into: string;
  /** The folder now holding the originals (absolute). */
  backup: string;
}

export async function replaceWithSquashed(
  root: string,
  included: LoadedMigration[],
  into: { version: string; path: string },
  text: string,
  now: Date,
): Promise<Replaced> {
  const last = included.at(-1)!;
  const dir = migrationsDir(path.resolve(root));
  const backup = path.join(path.resolve(root), BACKUP_DIR, `${last.version}-${formatTimestamp(now)}`);
  return withLock(migrationsDir(await fs.realpath(root)), async () => {
    for (const m of included) {
      const bytes = await fs.readFile(m.path).catch(() => null);
      if (bytes === null || createHash('sha256').update(bytes).digest('hex') !== m.sha256) {
        throw new KodoError(
          'changed-meanwhile',
          `${m.file} changed while kodo squashed it; nothing was moved — run kodo squash again.`,
        );
      }
    }
    const temp = path.join(dir, `.${into.version}.kodo-squash.tmp`);
    if (!(await createExclusive(temp, text))) {
      throw new KodoError(
        'squash-busy',
        `${path.relative(root, temp)} exists (another squash, or one that crashed); remove it and run kodo squash again.`,
      );
    }
    const moved: Array<[string, string]> = [];
    try {
      await fs.mkdir(backup, { recursive: true });
      for (const m of included) {
        const to = path.join(backup, path.basename(m.path));
        await fs.rename(m.path, to);
        moved.push([m.path, to]);
      }
      await fs.rename(temp, into.path);
      return { into: into.path, backup };
    } catch (e) {
      for (const [from, to] of moved.reverse()) await fs.rename(to, from).catch(() => undefined);
      await fs.rm(temp, { force: true });
      throw e;
    }
  });
}
