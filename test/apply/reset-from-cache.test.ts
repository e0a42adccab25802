// `kodo reset` after `kodo check`: the state check cached for the folder is what replaying it gives, so the
// embedded database starts from it and only the files after it (and the seeds) are applied. One engine, two uses.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMigrations } from '../../src/apply/check.js';
import { resetDatabase } from '../../src/apply/reset.js';
import { openDatabase } from '../../src/db/open.js';
import { makeFiles } from '../helpers/temp.js';

const FILES = 12;
const version = (n: number) => `2024${String(10_000_000_000 + n).slice(1)}`;

let cacheDir: string;
const env = () => ({ ...process.env, KODO_CHECK_CACHE_DIR: cacheDir, KODO_CHECK_CACHE_MIN_MS: '0' });

beforeAll(async () => {
  cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-reset-cache-'));
});
afterAll(() => fs.rm(cacheDir, { recursive: true, force: true }));

async function project(): Promise<string> {
  const files: Record<string, string> = {
    'supabase/seed.sql': "insert into public.t0 (id, note) values (1, 'seeded');",
  };
  for (let t = 0; t < FILES; t++)
    files[`supabase/migrations/${version(t)}_t${t}.sql`] =
      `create table public.t${t} (id bigserial primary key, note text);`;
  return makeFiles(files);
}

async function state(root: string): Promise<unknown[]> {
  const db = await openDatabase('embedded', { root, env: env() });
  try {
    const { rows } = await db.query(
      `select (select count(*)::int from supabase_migrations.schema_migrations) as history,
              (select count(*)::int from pg_tables where schemaname = 'public' and tablename like 't%') as tables,
              (select json_agg(t0) from public.t0) as rows,
              (select nextval('public.t0_id_seq')::int) as next`,
    );
    return rows;
  } finally {
    await db.close();
  }
}

describe('kodo reset starts from the state kodo check cached', { timeout: 120_000 }, () => {
  it('applies only what the cache lacks, with the same database as a full replay', async () => {
    const root = await project();
    const checked = await checkMigrations({ root, db: 'memory', env: env() });
    expect(checked).toMatchObject({ applied: FILES, failure: null, seeded: ['supabase/seed.sql'] });

    const fromCache = await resetDatabase({ root, env: env() });
    expect(fromCache).toMatchObject({ cached: FILES, failure: null, seeded: ['supabase/seed.sql'] });
    expect(fromCache.applied).toHaveLength(FILES);
    const cachedState = await state(root);

    // The same reset with no cache at all replays every file: the database is the same.
    const cold = await resetDatabase({ root, env: { ...env(), KODO_CHECK_CACHE_MB: '0' } });
    expect(cold).toMatchObject({ cached: 0, failure: null });
    expect(cold.applied).toEqual(fromCache.applied);
    expect(await state(root)).toEqual(cachedState);
    expect(cachedState).toEqual([
      { history: FILES, tables: FILES, rows: [{ id: 1, note: 'seeded' }], next: 1 },
    ]);
  });

  it('a newer file after the cached state is applied on top of it', async () => {
    const root = await project();
    await checkMigrations({ root, db: 'memory', env: env() });
    await fs.writeFile(
      path.join(root, 'supabase', 'migrations', `${version(FILES)}_more.sql`),
      'alter table public.t0 add column extra int;',
    );
    const reset = await resetDatabase({ root, env: env() });
    expect(reset).toMatchObject({ cached: FILES, failure: null });
    expect(reset.applied).toHaveLength(FILES + 1);
  });
});
