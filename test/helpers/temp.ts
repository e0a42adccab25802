// Throwaway project folders for the process-level suites: copies of the example, empty projects, and a listing
// of everything on disk to prove that a refused command wrote nothing.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { REPO_ROOT } from './cli.js';

export const EXAMPLE = path.join(REPO_ROOT, 'examples', 'hybrid-saas');

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots.splice(0)) await fs.rm(root, { recursive: true, force: true });
});

/** An empty folder under the system temp dir, removed after the test file. */
export async function tempDir(prefix = 'kodo-e2e-'): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  roots.push(root);
  return root;
}

/** A fresh copy of examples/hybrid-saas (never write into the example itself). */
export async function copyExample(): Promise<string> {
  const root = await tempDir('kodo-example-');
  await fs.cp(EXAMPLE, root, { recursive: true });
  return root;
}

/** A project with the given files (paths relative to the root). */
export async function makeFiles(files: Record<string, string>): Promise<string> {
  const root = await tempDir();
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), text);
  }
  return root;
}

/** Every entry under `root` with its size and modification time, sorted: equal listings mean nothing was written. */
export async function listTree(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true });
  const rows = await Promise.all(
    entries.map(async (entry) => {
      const stat = await fs.stat(path.join(root, entry));
      return stat.isDirectory() ? `${entry}/` : `${entry} ${stat.size} ${stat.mtimeMs}`;
    }),
  );
  return rows.sort();
}

/** The migration file names in `supabase/migrations`, sorted. */
export async function migrationFiles(root: string): Promise<string[]> {
  return (await fs.readdir(path.join(root, 'supabase', 'migrations'))).sort();
}
