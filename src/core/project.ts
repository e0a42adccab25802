// Where a project's files live, relative to its root.
import path from 'node:path';

export const MIGRATIONS_DIR = path.join('supabase', 'migrations');
export const CONFIG_FILE = path.join('.kodo', 'config.json');

export function migrationsDir(root: string): string {
  return path.join(root, MIGRATIONS_DIR);
}

/** The project root a door should use when the caller did not name one. */
export function defaultProjectRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env['CLAUDE_PROJECT_DIR'] || env['KODO_PROJECT_DIR'] || process.cwd());
}
