// Reads supabase/migrations: the files the Supabase CLI would apply, in kodo's one version order,
// plus warnings for everything the CLI would silently skip or mis-order. Every command (up, check, lint, status,
// new) lists SQL files through scanSqlFolderSync, so what is linted is what is applied.
import fs from 'node:fs';
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { fileKind, isInside, unreadable } from '../core/fs.js';
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
  code:
    | 'no-migrations-folder'
    | 'non-matching-file'
    | 'sub-folder'
    | 'duplicate-version'
    | 'mixed-version-widths';
  message: string;
}

export interface MigrationFolder {
  files: MigrationFile[];
  /** `.sql` files whose names carry no version (the CLI skips them; lint reads them to report their names). */
  unversioned: Array<{ file: string; path: string }>;
  warnings: FolderWarning[];
  /** False when supabase/migrations does not exist (yet). */
  exists: boolean;
}

export interface SqlFolder {
  /** Absolute paths (as listed, links not replaced) of the `.sql` entries that are safe to read. */
  sql: string[];
  subFolders: string[];
  /** Other names, not read. */
  others: string[];
}

const SHOWN_DIR = MIGRATIONS_DIR.split(path.sep).join('/');
const IGNORED = new Set(['.DS_Store', '.gitkeep', '.keep', 'README.md']);

/**
 * The one place that decides which `.sql` entries of a folder are read: regular files, and symlinks whose target
 * is a regular file inside the project root or inside the folder itself (by real path). Any other `.sql` entry
 * (a FIFO, a socket, a device, a dangling link, a link to a folder or out of the project) is an error naming it:
 * `up` would otherwise apply what `lint` never saw, or hang reading it. Null when `dir` does not exist.
 */
export function scanSqlFolderSync(dir: string, root: string, shownDir: string): SqlFolder | null {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') throw notAFolder(shownDir);
    throw unreadable(`${shownDir}/`, e);
  }
  const result: SqlFolder = { sql: [], subFolders: [], others: [] };
  // Real paths are worked out only when a link is met: most folders have none.
  let bounds: string[] | undefined;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) result.subFolders.push(entry.name);
    else if (!entry.name.toLowerCase().endsWith('.sql')) result.others.push(entry.name);
    else if (entry.isFile()) result.sql.push(full);
    else if (entry.isSymbolicLink()) {
      bounds ??= [fs.realpathSync(root), fs.realpathSync(dir)];
      checkLink(full, `${shownDir}/${entry.name}`, bounds);
      result.sql.push(full);
    } else {
      const stat = fs.lstatSync(full);
      throw new KodoError(
        'not-a-file',
        `${shownDir}/${entry.name} is ${fileKind(stat)}, not a regular file; kodo reads migrations only from regular files, so replace it with a file or remove it.`,
      );
    }
  }
  return result;
}

export function notAFolder(shownDir: string): KodoError {
  return new KodoError(
    'not-a-folder',
    `${shownDir} is not a folder; move it away (kodo reads migrations from the folder of that name).`,
  );
}

/** A link is read only when it ends at a regular file inside one of `bounds`. */
function checkLink(link: string, shown: string, bounds: string[]): void {
  let target: string;
  try {
    target = fs.realpathSync(link);
  } catch (e) {
    const to = fs.readlinkSync(link);
    const why = (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'a loop of links' : 'nothing';
    throw new KodoError(
      'bad-link',
      `${shown} is a symlink to ${to}, which leads to ${why}; point it at a migration file inside the project or remove it.`,
    );
  }
  const stat = fs.statSync(target);
  if (!stat.isFile()) {
    throw new KodoError(
      'bad-link',
      `${shown} is a symlink to ${fileKind(stat)} (${target}), not a regular file; point it at a migration file or remove it.`,
    );
  }
  if (!bounds.some((b) => isInside(target, b))) {
    throw new KodoError(
      'bad-link',
      `${shown} is a symlink to ${target}, outside the project; kodo follows links only to files inside the project, so copy the file in or remove the link.`,
    );
  }
}

/** Synchronous: a loop of small calls on one thread beats a thread-pool round trip each (lint's speed). */
export function listMigrationsSync(root: string): MigrationFolder {
  const dir = migrationsDir(root);
  const scan = scanSqlFolderSync(dir, root, SHOWN_DIR);
  if (!scan) {
    const message = `There is no ${SHOWN_DIR} folder in ${root}, so there are no migrations; run kodo in the project root (or pass --cwd), or create the first migration with kodo new.`;
    return {
      files: [],
      unversioned: [],
      warnings: [{ code: 'no-migrations-folder', message }],
      exists: false,
    };
  }
  const files: MigrationFile[] = [];
  const unversioned: MigrationFolder['unversioned'] = [];
  const warnings: FolderWarning[] = [];
  for (const name of scan.subFolders) {
    if (name === 'meta') continue; // drizzle-kit's journal folder when `out` points here
    warnings.push({
      code: 'sub-folder',
      message: `${SHOWN_DIR}/${name}/ is a sub-folder; the Supabase CLI never applies files inside it.`,
    });
  }
  for (const full of scan.sql) {
    const name = path.basename(full);
    const parsed = parseMigrationFileName(name);
    if (parsed) files.push({ ...parsed, file: `${SHOWN_DIR}/${name}`, path: full });
    else {
      warnings.push(nonMatching(name));
      unversioned.push({ file: `${SHOWN_DIR}/${name}`, path: full }); // lint still reads it, to report its name
    }
  }
  for (const name of scan.others) {
    if (!IGNORED.has(name) && !name.startsWith('.kodo-tmp-')) warnings.push(nonMatching(name));
  }
  files.sort((a, b) => compareVersions(a.version, b.version) || (a.file < b.file ? -1 : 1));
  warnings.push(...orderWarnings(files));
  return { files, unversioned, warnings, exists: true };
}

function nonMatching(name: string): FolderWarning {
  return {
    code: 'non-matching-file',
    message: `${SHOWN_DIR}/${name} does not match <version>_<name>.sql; the Supabase CLI skips it.`,
  };
}

function orderWarnings(files: MigrationFile[]): FolderWarning[] {
  const warnings: FolderWarning[] = [];
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
  return warnings;
}
