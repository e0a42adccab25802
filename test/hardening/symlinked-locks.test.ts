// Item 1 of issue 8: one lock per real database. Concurrent `kodo up` through a root, a symlink to it and a
// symlink to that symlink, or through two projects whose `.kodo` is one shared folder, open one PGlite data
// directory: the lock is keyed by its real path, so each file is applied exactly once and the database still opens.
// A run that waits either finds nothing left to do or gives up with the database-busy message.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { type CliRun, runKodo } from '../helpers/cli.js';
import { makeFiles, tempDir } from '../helpers/temp.js';

const FILES: Record<string, string> = {};
for (let i = 0; i < 4; i++) {
  // No sleep needed: opening the database (seconds) keeps each holder inside its lock while the others start.
  // Clean for lint's error-level rules, which `up` checks first.
  FILES[`supabase/migrations/2024010100000${i}_t${i}.sql`] =
    `create table t${i} (id bigint primary key);\nalter table t${i} enable row level security;\n`;
}
const VERSIONS = Object.keys(FILES).map((f) => path.basename(f).slice(0, 14));

/**
 * `kodo up --json --cwd <folder>` for each folder at once (a process's own cwd is already resolved, so the path
 * reaches kodo only as --cwd); every run either applied some files or met the busy lock.
 */
async function upAtOnce(roots: string[]): Promise<string[]> {
  const runs = await Promise.all(roots.map((root) => runKodo(['up', '--json', '--cwd', root])));
  const applied: string[] = [];
  for (const run of runs) {
    expect(run.stderr).not.toMatch(/File exists|unexpected|beyond EOF/);
    if (run.code === 0) applied.push(...(JSON.parse(run.stdout) as { applied: string[] }).applied);
    else expect(busy(run), run.stderr).toBe(true);
  }
  return applied.sort();
}

function busy(run: CliRun): boolean {
  return run.code === 2 && /is in use by another kodo process/.test(run.stderr);
}

/** The history rows and tables of the embedded database in `root`, opened after every process has exited. */
async function history(root: string): Promise<{ versions: string[]; tables: string[] }> {
  const db = await openDatabase('embedded', { root, env: {} });
  try {
    const versions = await db.query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations order by version',
    );
    const tables = await db.query<{ t: string }>(
      "select tablename as t from pg_tables where schemaname = 'public' order by 1",
    );
    return { versions: versions.rows.map((r) => r.version), tables: tables.rows.map((r) => r.t) };
  } finally {
    await db.close();
  }
}

// Three embedded-database runs in a row, then one more open: generous for a loaded 2-core machine.
describe.concurrent('concurrent up through symlinks to one database', { timeout: 120_000 }, () => {
  it('applies every file once through a root, a link to it and a link to the link', async () => {
    const root = await makeFiles(FILES);
    const links = await tempDir('kodo-links-');
    await fs.symlink(root, path.join(links, 'c2link'));
    await fs.symlink(path.join(links, 'c2link'), path.join(links, 'c2link2'));
    const applied = await upAtOnce([root, path.join(links, 'c2link'), path.join(links, 'c2link2')]);
    // Whoever ran, each version was applied by exactly one of them.
    expect(applied).toEqual(VERSIONS);
    expect(await history(root)).toEqual({ versions: VERSIONS, tables: ['t0', 't1', 't2', 't3'] });
  });

  it('applies every file once for two projects whose .kodo is one shared folder', async () => {
    const a = await makeFiles(FILES);
    const b = await makeFiles(FILES);
    const shared = await tempDir('kodo-shared-');
    await fs.symlink(shared, path.join(a, '.kodo'));
    await fs.symlink(shared, path.join(b, '.kodo'));
    const applied = await upAtOnce([a, b]);
    expect(applied).toEqual(VERSIONS);
    expect(await history(b)).toEqual({ versions: VERSIONS, tables: ['t0', 't1', 't2', 't3'] });
  });
});
