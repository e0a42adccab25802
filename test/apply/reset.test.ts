// `kodo reset`'s core (resetDatabase): the embedded database rebuilt from the snapshot and swapped in, every
// migration then the seeds; a server only when it is the local stack and the plan is approved. Real PGlite and the
// real PostgreSQL server, no mocks.
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase } from '../../src/apply/reset.js';
import { up } from '../../src/apply/up.js';
import { openDatabase } from '../../src/db/open.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';

const MIGRATIONS = {
  'supabase/migrations/20240101000000_items.sql':
    'create table public.items (id int primary key, name text not null);\nalter table public.items enable row level security;\n',
  'supabase/migrations/20240102000000_tags.sql':
    'create schema app;\ncreate table app.tags (id int primary key, item int references public.items);\n',
};
const SEED =
  "insert into public.items values (1, 'apple'), (2, 'pear');\ninsert into app.tags values (10, 1);\n";

async function rows(root: string, sql: string): Promise<unknown[]> {
  const db = await openDatabase('embedded', { root });
  try {
    return (await db.query(sql)).rows;
  } finally {
    await db.close();
  }
}

describe('resetDatabase on the embedded database', { timeout: 120_000 }, () => {
  it('applies every migration then the seed; a second reset drops what was added since', async () => {
    const root = await makeFiles({ ...MIGRATIONS, 'supabase/seed.sql': SEED });
    const first = await resetDatabase({ root });
    expect(first).toMatchObject({
      target: 'embedded (.kodo/db)',
      applied: ['20240101000000', '20240102000000'],
      seeded: ['supabase/seed.sql'],
      failure: null,
      failedPhase: null,
      dropped: 'nothing (.kodo/db does not exist yet: it is created)',
      cancelled: false,
    });
    // Data added by hand is gone after the next reset; the seed rows are back, exactly.
    const db = await openDatabase('embedded', { root });
    await db.exec("insert into public.items values (3, 'added by hand'); create table public.stray (x int)");
    await db.close();
    const second = await resetDatabase({ root });
    expect(second).toMatchObject({
      applied: ['20240101000000', '20240102000000'],
      seeded: ['supabase/seed.sql'],
      dropped: 'the embedded database in .kodo/db: every schema, table and row it holds',
    });
    expect(
      await rows(
        root,
        "select (select json_agg(i order by id) from public.items i) as items, (select json_agg(t) from app.tags t) as tags, to_regclass('public.stray') as stray, (select array_agg(version order by version) from supabase_migrations.schema_migrations) as history",
      ),
    ).toEqual([
      {
        items: [
          { id: 1, name: 'apple' },
          { id: 2, name: 'pear' },
        ],
        tags: [{ id: 10, item: 1 }],
        stray: null,
        history: ['20240101000000', '20240102000000'],
      },
    ]);
    // Nothing is left beside the data directory, and .kodo/.gitignore keeps it out of git.
    expect((await fs.readdir(path.join(root, '.kodo'))).sort()).toEqual(['.gitignore', 'db']);
  });

  it('seed: false applies the migrations only; a broken seed is reported with its file and line and keeps none of its rows', async () => {
    const root = await makeFiles({
      ...MIGRATIONS,
      'supabase/seed.sql':
        "insert into public.items values (1, 'apple');\ninsert into public.items values (1, 'dup');\n",
    });
    const noSeed = await resetDatabase({ root, seed: false });
    expect(noSeed).toMatchObject({ applied: ['20240101000000', '20240102000000'], seeded: [], seeds: [] });
    expect(await rows(root, 'select count(*)::int as n from public.items')).toEqual([{ n: 0 }]);

    const broken = await resetDatabase({ root });
    expect(broken).toMatchObject({
      applied: ['20240101000000', '20240102000000'],
      seeded: [],
      failedPhase: 'seed',
      failure: {
        file: 'supabase/seed.sql',
        version: '',
        line: 2,
        column: 1,
        sqlstate: '23505',
        message: 'duplicate key value violates unique constraint "items_pkey"',
        statement: 2,
      },
    });
    expect(await rows(root, 'select count(*)::int as n from public.items')).toEqual([{ n: 0 }]);
  });

  it('a failing migration stops the replay with up’s report; the seeds do not run', async () => {
    const root = await makeFiles({
      ...MIGRATIONS,
      'supabase/migrations/20240103000000_bad.sql': 'select 1;\nalter table public.nope add column x int;\n',
      'supabase/seed.sql': SEED,
    });
    const result = await resetDatabase({ root });
    expect(result).toMatchObject({
      applied: ['20240101000000', '20240102000000'],
      seeded: [],
      failedPhase: 'migration',
      failure: {
        file: 'supabase/migrations/20240103000000_bad.sql',
        version: '20240103000000',
        line: 2,
        column: 1,
        sqlstate: '42P01',
      },
    });
  });

  it('a damaged database is rebuilt (reset is the way out); a locked one, a file or a non-database folder in the way is an error that deletes nothing', async () => {
    const root = await makeFiles({ ...MIGRATIONS, 'supabase/seed.sql': SEED });
    await resetDatabase({ root });
    await fs.truncate(path.join(root, '.kodo', 'db', 'global', 'pg_control'), 0);
    await expect(openDatabase('embedded', { root })).rejects.toThrow(/is damaged/);
    expect(await resetDatabase({ root })).toMatchObject({ seeded: ['supabase/seed.sql'], failure: null });
    expect(await rows(root, 'select count(*)::int as n from public.items')).toEqual([{ n: 2 }]);

    // Locked by another process (here: another open handle of this one).
    const holder = await openDatabase('embedded', { root });
    try {
      await expect(resetDatabase({ root, lockTimeoutMs: 300 })).rejects.toThrow(
        /^The embedded database in .*\.kodo\/db is already open in this process; close it first, then retry/,
      );
    } finally {
      await holder.close();
    }
    expect(await rows(root, 'select count(*)::int as n from public.items')).toEqual([{ n: 2 }]);

    const file = await makeFiles({ ...MIGRATIONS, '.kodo/db': 'not a folder' });
    await expect(resetDatabase({ root: file })).rejects.toThrow(
      '.kodo/db is a file, not a folder; move it away so that kodo can create its embedded database there.',
    );
    expect(await fs.readFile(path.join(file, '.kodo', 'db'), 'utf8')).toBe('not a folder');

    const foreign = await makeFiles({ ...MIGRATIONS, '.kodo/db/notes.txt': 'mine' });
    await expect(resetDatabase({ root: foreign })).rejects.toThrow(
      /\.kodo\/db exists but holds no database, so kodo reset does not delete it/,
    );
    expect(await fs.readFile(path.join(foreign, '.kodo', 'db', 'notes.txt'), 'utf8')).toBe('mine');
    expect((await fs.readdir(path.join(foreign, '.kodo'))).filter((n) => n.includes('tmp'))).toEqual([]);
  });

  it('memory is allowed (a throwaway), and a dry run changes nothing', async () => {
    const root = await makeFiles({ ...MIGRATIONS, 'supabase/seed.sql': SEED });
    expect(await resetDatabase({ root, db: 'memory' })).toMatchObject({
      target: 'memory',
      applied: ['20240101000000', '20240102000000'],
      seeded: ['supabase/seed.sql'],
    });
    const dry = await resetDatabase({ root, dryRun: true });
    expect(dry).toMatchObject({
      dryRun: true,
      applied: [],
      seeded: [],
      seeds: ['supabase/seed.sql'],
      plan: [
        { version: '20240101000000', file: 'supabase/migrations/20240101000000_items.sql' },
        { version: '20240102000000', file: 'supabase/migrations/20240102000000_tags.sql' },
      ],
    });
    await expect(fs.access(path.join(root, '.kodo'))).rejects.toThrow(/ENOENT/);
  });
});

describe.skipIf(!serverAvailable)('resetDatabase on a server', { timeout: 120_000 }, () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase('kodo_reset');
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  const localUrl = () => scratch.url; // 127.0.0.1:5432, the stack's port once config.toml says so
  const files = {
    ...MIGRATIONS,
    // An extension a migration adds is dropped by the reset and created again by the replay.
    'supabase/migrations/20240103000000_emails.sql':
      'create extension if not exists citext with schema extensions;\ncreate table app.emails (e extensions.citext primary key);\n',
    'supabase/seed.sql': SEED,
    'supabase/config.toml': 'project_id = "t"\n[db]\nport = 5432\n',
  };

  it('refuses a server that is not the local stack, whatever the approval', async () => {
    const root = await makeFiles({ ...MIGRATIONS, 'supabase/seed.sql': SEED });
    await expect(resetDatabase({ root, db: localUrl(), confirm: async () => true })).rejects.toThrow(
      /^kodo reset rebuilds only a development database: the embedded one \(default\), memory, or the Supabase local stack \(--db local, or a server on 127\.0\.0\.1, localhost or ::1 at port 54322\); postgresql:\/\/\*\*\*@127\.0\.0\.1:5432\/kodo_reset_[0-9a-f]+ is none of them\./,
    );
  });

  it('needs an approved plan on the local stack, then empties the database and replays migrations and seeds', async () => {
    const root = await makeFiles(files);
    await expect(resetDatabase({ root, db: localUrl() })).rejects.toThrow(
      /^Resetting postgresql:\/\/\*\*\*@127\.0\.0\.1:5432\/kodo_reset_[0-9a-f]+ drops .* it needs approval: run a dry run/,
    );
    const refused = await resetDatabase({ root, db: localUrl(), confirm: async () => false });
    expect(refused).toMatchObject({ cancelled: true, applied: [] });

    // Up first, then leave things a reset must remove: data, a table, a schema, a policy on a platform table.
    expect(await up({ root, db: localUrl(), confirm: async () => true })).toMatchObject({ failure: null });
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await client.query(`insert into public.items values (7, 'stale');
        create table public.stray (x int); create schema scratchpad; create table scratchpad.t (x int);
        create policy p on storage.objects for select using (true);
        insert into auth.users (id, email) values ('00000000-0000-0000-0000-000000000001', 'a@example.com')`);
      const dry = await resetDatabase({ root, db: localUrl(), dryRun: true });
      await expect(resetDatabase({ root, db: localUrl(), planId: 'f'.repeat(32) })).rejects.toThrow(
        /changed since the reset plan was approved/,
      );
      const result = await resetDatabase({ root, db: localUrl(), planId: dry.planId });
      expect(result).toMatchObject({
        applied: ['20240101000000', '20240102000000', '20240103000000'],
        seeded: ['supabase/seed.sql'],
        failure: null,
      });
      const { rows: after } = await client.query(`select
          (select json_agg(i order by id) from public.items i) as items,
          to_regclass('public.stray') as stray, to_regnamespace('scratchpad') as scratchpad,
          (select count(*)::int from pg_policies where tablename = 'objects' and policyname = 'p') as policy,
          (select count(*)::int from auth.users) as users,
          to_regclass('auth.users') is not null as auth_kept,
          (select array_agg(version order by version) from supabase_migrations.schema_migrations) as history,
          (select array_agg(path) from supabase_migrations.seed_files) as seeds`);
      expect(after).toEqual([
        {
          items: [
            { id: 1, name: 'apple' },
            { id: 2, name: 'pear' },
          ],
          stray: null,
          scratchpad: null,
          policy: 0,
          users: 0,
          auth_kept: true,
          history: ['20240101000000', '20240102000000', '20240103000000'],
          seeds: ['supabase/seed.sql'],
        },
      ]);
    } finally {
      await client.end();
    }
  });
});
