// The originals kodo squash moved out of supabase/migrations: `.kodo/squashed/<V>-<time>/<file>.sql`. Neither the
// Supabase CLI nor kodo applies them; kodo sync still reads their tracking headers (sync/tracked.ts).
import fs from 'node:fs';
import path from 'node:path';
import { readDirOrNull } from '../core/fs.js';
import { parseMigrationFileName } from '../versions/grammar.js';

export const BACKUP_DIR = path.join('.kodo', 'squashed');

export interface SquashedOriginal {
  /** Relative to the project root, with forward slashes. */
  file: string;
  version: string;
  text: string;
}

/** Every backed-up original, oldest squash first; none when there is no backup folder. */
export function squashedOriginals(root: string): SquashedOriginal[] {
  const base = path.join(root, BACKUP_DIR);
  const out: SquashedOriginal[] = [];
  const names = (dir: string) => (readDirOrNull(dir) ?? []).map((e) => e.name).sort();
  for (const dir of names(base)) {
    for (const name of names(path.join(base, dir))) {
      const parsed = parseMigrationFileName(name);
      const full = path.join(base, dir, name);
      if (!parsed || !fs.lstatSync(full).isFile()) continue;
      out.push({
        file: path.relative(root, full).split(path.sep).join('/'),
        version: parsed.version,
        text: fs.readFileSync(full, 'utf8'),
      });
    }
  }
  return out;
}
