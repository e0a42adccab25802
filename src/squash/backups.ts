// The originals kodo squash moved out of supabase/migrations: `.kodo/squashed/<V>-<time>/<file>.sql`. Neither the
// Supabase CLI nor kodo applies them; kodo sync still reads their tracking headers (sync/tracked.ts).
import fs from 'node:fs';
import path from 'node:path';
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
  for (const dir of listDir(base).sort()) {
    for (const name of listDir(path.join(base, dir)).sort()) {
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

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
