// Where a project's files live, relative to its root.
import fs from 'node:fs';
import path from 'node:path';
import { KodoError } from './errors.js';

export const MIGRATIONS_DIR = path.join('supabase', 'migrations');
export const CONFIG_FILE = path.join('.kodo', 'config.json');

export function migrationsDir(root: string): string {
  return path.join(root, MIGRATIONS_DIR);
}

/** The project root a door should use when the caller did not name one. */
export function defaultProjectRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env['CLAUDE_PROJECT_DIR'] || env['KODO_PROJECT_DIR'] || process.cwd());
}

/** The real path (symlinks resolved) of an existing folder, or a KodoError: "<what> does not exist; <todo>." */
export function realDirectory(dir: string, what: string, todo: string): string {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new KodoError('not-found', `${what} does not exist; ${todo}.`);
  if (!stat.isDirectory()) throw new KodoError('not-a-directory', `${what} is not a folder; ${todo}.`);
  return fs.realpathSync.native(dir);
}
