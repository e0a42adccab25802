// Fixtures for the apply suites: throwaway projects on disk and the database targets every behaviour runs on.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open.js';
import { createScratchDatabase, serverAvailable } from '../helpers/postgres.js';

export interface Project {
  root: string;
  write: (file: string, text: string) => Promise<void>;
  remove: (file: string) => Promise<void>;
}

const roots: string[] = [];
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops.splice(0)) await drop().catch(() => undefined);
  for (const root of roots.splice(0)) await fs.rm(root, { recursive: true, force: true });
});

/** A project with `supabase/migrations/<name>` files (and `.kodo/config.json` when `config` is given). */
export async function makeProject(files: Record<string, string>, config?: unknown): Promise<Project> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-apply-'));
  roots.push(root);
  const dir = path.join(root, 'supabase', 'migrations');
  await fs.mkdir(dir, { recursive: true });
  const write = (file: string, text: string) => fs.writeFile(path.join(dir, file), text);
  for (const [file, text] of Object.entries(files)) await write(file, text);
  if (config !== undefined) {
    await fs.mkdir(path.join(root, '.kodo'), { recursive: true });
    await fs.writeFile(path.join(root, '.kodo', 'config.json'), JSON.stringify(config, null, 2));
  }
  return { root, write, remove: (file) => fs.rm(path.join(dir, file)) };
}

export type TargetKind = 'pglite' | 'postgres';

/** The targets a behaviour runs on: PGlite always, the real server when it answers. */
export const TARGETS: Array<{ kind: TargetKind; skip: boolean }> = [
  { kind: 'pglite', skip: false },
  { kind: 'postgres', skip: !serverAvailable },
];

/** A fresh database of that kind for `project`: its embedded database, or a new scratch database on the server. */
export async function freshTarget(kind: TargetKind, _project: Project): Promise<string> {
  if (kind === 'pglite') return 'embedded';
  const scratch = await createScratchDatabase('kodo_apply');
  drops.push(scratch.drop);
  return scratch.url;
}

/** Runs `fn` on the target's database, then closes it (the embedded one is locked while open). */
export async function onDatabase<T>(
  project: Project,
  spec: string,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(spec, { root: project.root, env: {} });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export async function historyRows(project: Project, spec: string) {
  return onDatabase(project, spec, async (db) => {
    const { rows } = await db.query<{ version: string; name: string | null; statements: string[] | null }>(
      'select version, name, statements from supabase_migrations.schema_migrations order by version',
    );
    return rows;
  });
}

export async function tableExists(project: Project, spec: string, name: string): Promise<boolean> {
  return onDatabase(project, spec, async (db) => {
    const { rows } = await db.query<{ t: string | null }>('select to_regclass($1)::text as t', [name]);
    return rows[0]?.t !== null && rows[0]?.t !== undefined;
  });
}

/** Approves every plan: tests stand in for the person who reviewed it. */
export const approve = async () => true;
