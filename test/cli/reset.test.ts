// `kodo reset` as a process (the built bundle): text and --json, seeds and --no-seed, a broken seed, config.toml
// seed globs, and servers: only the local stack, only with --yes.
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';

const MIGRATIONS = {
  'supabase/migrations/20240101000000_items.sql':
    'create table public.items (id int primary key, name text not null);\nalter table public.items enable row level security;\n',
};

async function items(root: string): Promise<unknown[]> {
  const db = await openDatabase('embedded', { root });
  try {
    return (await db.query('select id, name from public.items order by id')).rows;
  } finally {
    await db.close();
  }
}

interface ResetJson {
  applied: string[];
  seeded: string[];
  failure: null | Record<string, unknown>;
  target: string;
  dropped: string;
}

describe('kodo reset (process)', { timeout: 120_000 }, () => {
  it('rebuilds the embedded database with the migrations and the seed, and says what it dropped', async () => {
    const root = await makeFiles({
      ...MIGRATIONS,
      'supabase/seed.sql': "insert into public.items values (1, 'apple'), (2, 'pear');\n",
    });
    const first = await runKodo(['reset'], { cwd: root });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      'Dropped nothing (.kodo/db does not exist yet: it is created).\n\nReset embedded (.kodo/db): applied 1 of 1 migration(s) and 1 seed file(s) (supabase/seed.sql).',
    );
    expect(first.stderr).toContain('Seeding data from supabase/seed.sql...');
    const second = await runKodoJson<ResetJson>(['reset'], { cwd: root });
    expect(second.code).toBe(0);
    expect(second.json).toMatchObject({
      target: 'embedded (.kodo/db)',
      applied: ['20240101000000'],
      seeded: ['supabase/seed.sql'],
      failure: null,
      dropped: 'the embedded database in .kodo/db: every schema, table and row it holds',
    });
    expect(await items(root)).toEqual([
      { id: 1, name: 'apple' },
      { id: 2, name: 'pear' },
    ]);
    const text = await runKodo(['reset', '--no-seed'], { cwd: root });
    expect(text.stdout).toBe(
      'Dropped the embedded database in .kodo/db: every schema, table and row it holds.\n\nReset embedded (.kodo/db): applied 1 of 1 migration(s).',
    );
    expect(await items(root)).toEqual([]);
  });

  it('reports a broken seed with its file and line, exit 1, and keeps none of its rows', async () => {
    const root = await makeFiles({
      ...MIGRATIONS,
      'supabase/seed.sql':
        "insert into public.items values (1, 'apple');\n\ninsert into public.items values (2, null);\n",
    });
    const run = await runKodo(['reset'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'supabase/seed.sql:3:1: seed failed at statement 2 (the file was rolled back: none of its rows are kept)\nERROR: null value in column "name" of relation "items" violates not-null constraint (SQLSTATE 23502)',
    );
    const json = await runKodoJson<ResetJson>(['reset'], { cwd: root });
    expect(json.code).toBe(1);
    expect(json.json.failure).toMatchObject({
      file: 'supabase/seed.sql',
      line: 3,
      column: 1,
      sqlstate: '23502',
    });
    expect(await items(root)).toEqual([]);
  });

  it('runs config.toml seed globs in order, and none with enabled = false', async () => {
    const files = {
      ...MIGRATIONS,
      'supabase/seeds/02_more.sql': "insert into public.items values (3, 'fig');\n",
      'supabase/seeds/01_base.sql': "insert into public.items values (1, 'apple');\n",
      'supabase/extra.sql': "insert into public.items values (9, 'extra');\n",
    };
    const root = await makeFiles({
      ...files,
      'supabase/config.toml': '[db.seed]\nsql_paths = ["./extra.sql", "./seeds/*.sql", "./none/*.sql"]\n',
    });
    const run = await runKodoJson<ResetJson & { warnings: string[] }>(['reset', '--db', 'memory'], {
      cwd: root,
    });
    expect(run.json).toMatchObject({
      target: 'memory',
      seeded: ['supabase/extra.sql', 'supabase/seeds/01_base.sql', 'supabase/seeds/02_more.sql'],
      warnings: ['no files matched pattern: supabase/none/*.sql'],
    });
    const off = await makeFiles({
      ...files,
      'supabase/config.toml': '[db.seed]\nenabled = false\nsql_paths = ["./seeds/*.sql"]\n',
    });
    expect((await runKodoJson<ResetJson>(['reset', '--db', 'memory'], { cwd: off })).json.seeded).toEqual([]);
  });

  it('--db local reads [db] port from config.toml (dry run: nothing is touched)', async () => {
    const root = await makeFiles({ ...MIGRATIONS, 'supabase/config.toml': '[db]\nport = 54329\n' });
    const run = await runKodoJson<ResetJson>(['reset', '--db', 'local', '--dry-run'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.json.target).toBe('postgresql://postgres@127.0.0.1:54329/postgres');
  });

  it('shows its server behaviour in --help', async () => {
    const run = await runKodo(['reset', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('only the Supabase local stack');
    expect(run.stdout).toContain('--no-seed');
  });
});

describe.skipIf(!serverAvailable)('kodo reset on a server (process)', { timeout: 120_000 }, () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase('kodo_cli_reset');
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it('refuses a server that is not the local stack, even with --yes', async () => {
    const root = await makeFiles(MIGRATIONS);
    const run = await runKodo(['reset', '--db', scratch.url, '--yes'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: kodo reset rebuilds only a development database: .* at port 54322\); /,
    );
    expect(run.stderr).not.toContain(':postgres@');
  });

  it('on the local stack, needs --yes; then rebuilds and seeds', async () => {
    const root = await makeFiles({
      ...MIGRATIONS,
      'supabase/seed.sql': "insert into public.items values (1, 'apple');\n",
      'supabase/config.toml': '[db]\nport = 5432\n',
    });
    const refused = await runKodo(['reset', '--db', scratch.url], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Reset plan for postgresql://***@127.0.0.1:5432/');
    expect(refused.stderr).toMatch(
      /error: Resetting postgresql:\/\/\*\*\*@127\.0\.0\.1:5432\/kodo_cli_reset_[0-9a-f]+ changes a database that is not throwaway; review the plan above and rerun with --yes\./,
    );
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      expect((await client.query("select to_regclass('public.items') as t")).rows).toEqual([{ t: null }]);
      const run = await runKodo(['reset', '--db', scratch.url, '--yes'], { cwd: root });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Dropped every extension and schema your migrations created/);
      expect((await client.query('select id, name from public.items')).rows).toEqual([
        { id: 1, name: 'apple' },
      ]);
    } finally {
      await client.end();
    }
    expect(path.isAbsolute(root)).toBe(true);
  });
});
