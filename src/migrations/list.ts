// Reads supabase/migrations: the files the Supabase CLI would apply, in kodo's one version order,
// plus warnings for everything the CLI would silently skip or mis-order.
import fs from 'node:fs/promises';
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { MIGRATIONS_DIR, migrationsDir } from '../core/project.js';
import { compareVersions, parseMigrationFileName } from '../versions/grammar.js';

export interface MigrationFile {
  version: string;
  name: string;
  /** Path relative to the project root, with forward slashes (`supabase/migrations/00100_node_x.sql`). */
  file: string;
  /** Absolute path. */
  path: string;
}

export interface FolderWarning {
  code: 'non-matching-file' | 'sub-folder' | 'duplicate-version' | 'mixed-version-widths';
  message: string;
}

export interface MigrationFolder {
  files: MigrationFile[];
  warnings: FolderWarning[];
  /** False when supabase/migrations does not exist (yet). */
  exists: boolean;
}

const IGNORED = new Set(['.DS_Store', '.gitkeep', '.keep', 'README.md']);

export async function listMigrations(root: string): Promise<MigrationFolder> {
  const dir = migrationsDir(root);
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { files: [], warnings: [], exists: false };
    if (code === 'ENOTDIR')
      throw new KodoError('not-a-folder', `${MIGRATIONS_DIR} is a file, not a folder; move it away.`);
    throw new KodoError('unreadable', `${MIGRATIONS_DIR} cannot be read (${(e as Error).message}).`);
  }
  const files: MigrationFile[] = [];
  const warnings: FolderWarning[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (entry.name === 'meta') continue; // drizzle-kit's journal folder when `out` points here
      warnings.push({
        code: 'sub-folder',
        message: `${MIGRATIONS_DIR}/${entry.name}/ is a sub-folder; the Supabase CLI never applies files inside it.`,
      });
      continue;
    }
    if (IGNORED.has(entry.name) || entry.name.startsWith('.kodo-tmp-')) continue;
    const parsed = parseMigrationFileName(entry.name);
    if (!parsed) {
      warnings.push({
        code: 'non-matching-file',
        message: `${MIGRATIONS_DIR}/${entry.name} does not match <version>_<name>.sql; the Supabase CLI skips it.`,
      });
      continue;
    }
    files.push({
      ...parsed,
      file: `supabase/migrations/${entry.name}`,
      path: path.join(dir, entry.name),
    });
  }
  files.sort((a, b) => compareVersions(a.version, b.version) || (a.file < b.file ? -1 : 1));
  for (let i = 1; i < files.length; i++) {
    if (files[i]!.version === files[i - 1]!.version) {
      warnings.push({
        code: 'duplicate-version',
        message: `${files[i - 1]!.file} and ${files[i]!.file} share version ${files[i]!.version}; the second fails at its history insert. Renumber one.`,
      });
    }
  }
  const widths = [...new Set(files.map((f) => f.version.length))];
  const hasTimestamps = widths.includes(14);
  // 5-digit service versions mixed with 14-digit timestamps sort correctly; any other mix does not.
  const risky = widths.filter((w) => !(hasTimestamps && (w === 5 || w === 14)));
  if (widths.length > 1 && risky.length > 0) {
    warnings.push({
      code: 'mixed-version-widths',
      message: `Versions have different widths (${widths.sort((a, b) => a - b).join(', ')} digits); string order then differs from numeric order. Zero-pad them to one width.`,
    });
  }
  return { files, warnings, exists: true };
}
