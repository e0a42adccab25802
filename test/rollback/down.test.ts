// `kodo down`'s core (runDown) on real databases: the embedded PGlite database of a temp project and a scratch
// database on the real PostgreSQL server that the project's supabase/config.toml makes its local stack. Rows of
// surviving tables stay, history rows go, and every refusal changes nothing.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHistory } from '../../src/apply/history.js';
import { up } from '../../src/apply/up.js';
import { KodoError } from '../../src/core/errors.js';
import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open.js';
import { runDown } from '../../src/rollback/down.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';

const V1 = '20240101000000';
const V2 = '20240102000000';
const V3 = '20240103000000';
const FILES = {
  [`supabase/migrations/${V1}_items.sql`]:
    'create table public.items (id int primary key, name text not null);\n',
  [`supabase/migrations/${V2}_tags.sql`]: 'create table public.tags (id int primary key, label text);\n',
  [`supabase/migrations/${V3}_item_tag.sql`]:
    'alter table public.items add column tag int references public.tags (id);\ncreate index items_tag_idx on public.items (tag);\n',
};
const EMBEDDED = 'embedded (.kodo/db)';
const ROWS =
  "insert into public.tags values (1, 'red');\ninsert into public.items values (1, 'apple', 1), (2, 'pear', null);";
const PLAN = [
  {
    version: V3,
    file: `supabase/migrations/${V3}_item_tag.sql`,
    statements: [
      'drop index public.items_tag_idx;',
      'alter table public.items drop constraint items_tag_fkey;',
      'alter table public.items drop column tag;',
    ],
  },
  { version: V2, file: `supabase/migrations/${V2}_tags.sql`, statements: ['drop table public.tags;'] },
];
const DESTRUCTIVE = ['drops column public.items.tag and its values', 'drops table public.tags and its rows'];

/** What a test compares before and after a refusal: rows of items, whether tags exists, the history. */
const STATE =
  "select (select json_agg(i order by id) from public.items i) as items, to_regclass('public.tags')::text as tags, (select array_agg(version order by version) from supabase_migrations.schema_migrations) as history";

async function onEmbedded<T>(root: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase('embedded', { root, env: {} });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const state = (root: string) => onEmbedded(root, async (db) => (await db.query(STATE)).rows[0]);

/** A project with FILES applied to its embedded database and ROWS inserted. */
async function appliedProject(files: Record<string, string> = FILES, rows = ROWS): Promise<string> {
  const root = await makeFiles(files);
  await up({ root, env: {} });
  await onEmbedded(root, (db) => db.exec(rows));
  return root;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KodoError);
  const { code, message } = error as KodoError;
  return { code, message };
}

describe('runDown on the embedded database', { timeout: 120_000 }, () => {
  it('dry run changes nothing; --last 2 reverts newest first, keeps surviving rows, removes history rows; then refuses more than is applied', async () => {
    const root = await appliedProject();
    const before = await state(root);
    const dry = await runDown(root, { last: 2, dryRun: true, env: {} });
    expect(dry).toEqual({
      target: EMBEDDED,
      reverted: [],
      plan: PLAN,
      irreversible: [],
      destructive: DESTRUCTIVE,
      planId: expect.stringMatching(/^[0-9a-f]{32}$/),
      dryRun: true,
      cancelled: false,
      warnings: [],
    });
    expect(await state(root)).toEqual(before);

    const done = await runDown(root, { last: 2, env: {} });
    expect(done).toEqual({ ...dry, reverted: [V3, V2], dryRun: false });
    expect(await state(root)).toEqual({
      items: [
        { id: 1, name: 'apple' },
        { id: 2, name: 'pear' },
      ],
      tags: null,
      history: [V1],
    });
    expect(await onEmbedded(root, readHistory)).toEqual([{ version: V1, name: 'items' }]);

    expect(await refusal(runDown(root, { last: 2, env: {} }))).toEqual({
      code: 'invalid-option',
      message: `--last 2 is more than the 1 migration(s) applied to ${EMBEDDED}; use --last 1 at most (or kodo reset to rebuild it).`,
    });
    expect(await refusal(runDown(root, { last: 0, env: {} }))).toEqual({
      code: 'invalid-option',
      message: '--last must be a whole number of migrations, 1 or more (got 0).',
    });
    expect(await runDown(root, { env: {} })).toMatchObject({ reverted: [V1] });
    expect(await refusal(runDown(root, { env: {} }))).toEqual({
      code: 'nothing-applied',
      message: `${EMBEDDED} has no applied migrations, so there is nothing to roll back.`,
    });
  });

  it('refuses an irreversible step (nothing changed), and with force rolls back the schema and keeps the rows', async () => {
    const files = {
      [`supabase/migrations/${V1}_items.sql`]: FILES[`supabase/migrations/${V1}_items.sql`]!,
      [`supabase/migrations/${V2}_tags.sql`]: FILES[`supabase/migrations/${V2}_tags.sql`]!,
      [`supabase/migrations/${V3}_item_note.sql`]:
        "alter table public.items add column note text;\nupdate public.items set note = 'n';\n",
    };
    const root = await appliedProject(
      files,
      "insert into public.items (id, name, note) values (1, 'apple', 'a'), (2, 'pear', null);",
    );
    const before = await state(root);
    // A dry run shows the step and what it cannot undo instead of refusing.
    expect(await runDown(root, { dryRun: true, env: {} })).toMatchObject({
      reverted: [],
      dryRun: true,
      irreversible: [{ version: V3, line: 2, reason: 'values changed in public.items are not restored' }],
    });
    expect(await refusal(runDown(root, { env: {} }))).toEqual({
      code: 'irreversible',
      message: `supabase/migrations/${V3}_item_note.sql:2: values changed in public.items are not restored; kodo down stops here — rerun with --force to roll back the schema anyway.`,
    });
    expect(await state(root)).toEqual(before);

    const forced = await runDown(root, { force: true, env: {} });
    expect(forced).toMatchObject({
      reverted: [V3],
      irreversible: [
        {
          version: V3,
          line: 2,
          statement: "update public.items set note = 'n'",
          reason: 'values changed in public.items are not restored',
        },
      ],
      destructive: ['drops column public.items.note and its values'],
    });
    expect(await state(root)).toEqual({
      items: [
        { id: 1, name: 'apple' },
        { id: 2, name: 'pear' },
      ],
      tags: 'tags',
      history: [V1, V2],
    });
  });

  it('walks a rename back in place: the rows written under the new names stay, no --force needed', async () => {
    const root = await appliedProject(
      {
        [`supabase/migrations/${V1}_items.sql`]: FILES[`supabase/migrations/${V1}_items.sql`]!,
        [`supabase/migrations/${V2}_rename.sql`]:
          'alter table public.items rename to products;\nalter table public.products rename column name to title;\n',
      },
      "insert into public.products (id, title) values (1, 'apple'), (2, 'pear');",
    );
    expect(await runDown(root, { env: {} })).toMatchObject({
      reverted: [V2],
      irreversible: [],
      destructive: [],
    });
    expect(await state(root)).toEqual({
      items: [
        { id: 1, name: 'apple' },
        { id: 2, name: 'pear' },
      ],
      tags: null,
      history: [V1],
    });
  });

  // Like a rename, a moved table goes back with ALTER TABLE … SET SCHEMA; a drop and re-create would empty it.
  it('walks ALTER TABLE … SET SCHEMA back in place, keeping the rows', async () => {
    const root = await appliedProject(
      {
        [`supabase/migrations/${V1}_items.sql`]: FILES[`supabase/migrations/${V1}_items.sql`]!,
        [`supabase/migrations/${V2}_move.sql`]:
          'create schema app;\nalter table public.items set schema app;\n',
      },
      "insert into app.items values (1, 'apple');",
    );
    await runDown(root, { env: {} });
    expect(await state(root)).toEqual({ items: [{ id: 1, name: 'apple' }], tags: null, history: [V1] });
  });

  // An enum value cannot be removed in place: the type is re-made beside its column, which keeps its values; a row
  // holding the added value stops the whole down, which then changes nothing.
  it('takes an added enum value back keeping the column values (--force); a row holding it stops it', async () => {
    const files = {
      [`supabase/migrations/${V1}_items.sql`]:
        "create type public.mood as enum ('sad', 'happy');\ncreate table public.items (id int primary key, mood public.mood not null default 'sad');\n",
      [`supabase/migrations/${V2}_ok.sql`]: "alter type public.mood add value 'ok';\n",
    };
    const moods = (root: string) =>
      onEmbedded(
        root,
        async (db) => (await db.query('select id, mood::text from public.items order by id')).rows,
      );
    const kept = await appliedProject(files, "insert into public.items values (1, 'happy'), (2, 'sad');");
    expect((await refusal(runDown(kept, { env: {} }))).code).toBe('irreversible');
    expect(await runDown(kept, { force: true, env: {} })).toMatchObject({ reverted: [V2] });
    expect(await moods(kept)).toEqual([
      { id: 1, mood: 'happy' },
      { id: 2, mood: 'sad' },
    ]);
    const held = await appliedProject(files, "insert into public.items values (1, 'ok');");
    const { code, message } = await refusal(runDown(held, { force: true, env: {} }));
    expect(code).toBe('rollback-failed');
    expect(message).toBe(
      `The rollback of supabase/migrations/${V2}_ok.sql failed on embedded (.kodo/db): invalid input value for enum mood: "ok"; nothing was changed (the whole kodo down was rolled back).`,
    );
    expect(await moods(held)).toEqual([{ id: 1, mood: 'ok' }]);
  });

  it('refuses a database changed by hand (schema drift), changing nothing', async () => {
    const root = await appliedProject();
    await onEmbedded(root, (db) => db.exec('alter table public.tags add column color text'));
    const before = await state(root);
    const { code, message } = await refusal(runDown(root, { env: {} }));
    expect(code).toBe('schema-drift');
    expect(message).toMatch(
      /^embedded \(\.kodo\/db\) differs from what its applied migrations build \(.*public\.tags\.color.*\), so kodo down will not roll it back; see kodo diff --from migrations --to embedded, then make a migration of the change or undo it\.$/,
    );
    expect(await state(root)).toEqual(before);
  });

  it('refuses without an embedded database, and creates none', async () => {
    const root = await makeFiles(FILES);
    expect(await refusal(runDown(root, { env: {} }))).toEqual({
      code: 'nothing-applied',
      message: 'The embedded database (.kodo/db) does not exist yet, so there is nothing to roll back.',
    });
    await expect(fs.stat(path.join(root, '.kodo', 'db'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses memory and every server that is not the local stack, before connecting', async () => {
    const root = await makeFiles(FILES);
    const refused = {
      code: 'down-refused',
      message:
        'kodo down rolls back only a development database: the embedded one (default) or the Supabase local stack (--db local, or a server on 127.0.0.1, localhost or ::1 at port 54322). For another database, write the rollback with kodo rollback and apply it with kodo up.',
    };
    for (const db of [
      'memory',
      'postgresql://postgres:postgres@127.0.0.1:5432/postgres',
      'postgresql://postgres:postgres@db.example.com:54322/postgres',
    ]) {
      expect(await refusal(runDown(root, { db, env: {} }))).toEqual(refused);
    }
  });
});

describe.skipIf(!serverAvailable)(
  'runDown on the local stack (the real PostgreSQL server)',
  { timeout: 120_000 },
  () => {
    let scratch: ScratchDatabase;
    let root: string;
    beforeAll(async () => {
      scratch = await createScratchDatabase('kodo_down');
      // The project's config makes the test server's port the local stack's.
      root = await makeFiles({ ...FILES, 'supabase/config.toml': '[db]\nport = 5432\n' });
      const applied = await up({ root, db: scratch.url, env: {}, confirm: async () => true });
      expect(applied.applied).toEqual([V1, V2, V3]);
      await onServer((db) => db.exec(ROWS));
    });
    afterAll(async () => {
      await scratch?.drop();
    });

    async function onServer<T>(fn: (db: Database) => Promise<T>): Promise<T> {
      const db = await openDatabase(scratch.url, { root, env: {} });
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    }

    it('needs approval: refused without a planId or confirm; the dry run planId reverts it and keeps the rows', async () => {
      const before = await onServer(async (db) => (await db.query(STATE)).rows[0]);
      const needs = await refusal(runDown(root, { db: scratch.url, last: 2, env: {} }));
      expect(needs.code).toBe('approval-required');
      expect(needs.message).toMatch(
        /^Rolling back .* needs approval: run a dry run, show its plan to the user, and run down with the planId of the plan they approved\.$/,
      );
      expect(
        await refusal(runDown(root, { db: scratch.url, last: 2, planId: 'nope', env: {} })),
      ).toMatchObject({
        code: 'plan-changed',
      });
      expect(await onServer(async (db) => (await db.query(STATE)).rows[0])).toEqual(before);

      const dry = await runDown(root, { db: scratch.url, last: 2, dryRun: true, env: {} });
      expect(dry).toMatchObject({ reverted: [], plan: PLAN, destructive: DESTRUCTIVE, dryRun: true });
      expect(dry.target).not.toContain('postgres:postgres');
      const done = await runDown(root, { db: scratch.url, last: 2, planId: dry.planId, env: {} });
      expect(done).toEqual({ ...dry, reverted: [V3, V2], dryRun: false });
      expect(await onServer(async (db) => (await db.query(STATE)).rows[0])).toEqual({
        items: [
          { id: 1, name: 'apple' },
          { id: 2, name: 'pear' },
        ],
        tags: null,
        history: [V1],
      });
    });
  },
);
