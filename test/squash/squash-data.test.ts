// What a squash does with data (supabase-only projects, so the squashed file keeps V's version and name): the
// originals' data statements — seed inserts, a bucket, an update, a cron job, a vault secret — verbatim and in
// order after the schema; the rows themselves when those statements cannot run on the final schema; and nothing
// written at all when neither builds the same database.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openMemoryDatabase } from '../../src/db/pglite.js';
import type { SquashResult } from '../../src/squash/result.js';
import { runSquash } from '../../src/squash/squash.js';
import { listTree, makeFiles } from '../helpers/temp.js';

const M = 'supabase/migrations';

/** Three timestamped files: tables, then seed rows and a bucket, then an update, a cron job and a secret. */
const DML_FILES = {
  [`${M}/20240101000000_tables.sql`]: `create extension if not exists pg_cron;
create table public.plans (id int primary key, name text not null, price int not null);
create table public.logs (id bigint generated always as identity primary key, line text);
`,
  [`${M}/20240102000000_seed.sql`]: `insert into public.plans (id, name, price) values (1, 'free', 0), (2, 'pro', 10);
insert into storage.buckets (id, name, public) values ('docs', 'docs', false);
`,
  [`${M}/20240103000000_jobs.sql`]: `update public.plans set price = 12 where id = 2;
select cron.schedule('nightly', '0 3 * * *', $$delete from public.logs$$);
select vault.create_secret('s3cr3t', 'api_key');
alter table public.plans add column active boolean not null default true;
`,
};

/** The data section the three files must give: each statement verbatim, after the line it came from. */
const DML_SECTION = `-- The data statements of the original migrations, in their order.
-- 20240102000000_seed.sql line 1
insert into public.plans (id, name, price) values (1, 'free', 0), (2, 'pro', 10);
-- 20240102000000_seed.sql line 2
insert into storage.buckets (id, name, public) values ('docs', 'docs', false);
-- 20240103000000_jobs.sql line 1
update public.plans set price = 12 where id = 2;
-- 20240103000000_jobs.sql line 2
select cron.schedule('nightly', '0 3 * * *', $$delete from public.logs$$);
-- 20240103000000_jobs.sql line 3
select vault.create_secret('s3cr3t', 'api_key');
`;

/** A database built from the squashed text alone, as a fresh project would get it. */
async function built(sql: string): Promise<Database> {
  const db = await openMemoryDatabase();
  await db.exec(sql);
  return db;
}

describe('a squash whose originals hold DML, a bucket, a cron job and a vault secret', () => {
  let result: SquashResult;
  let db: Database;

  beforeAll(async () => {
    result = await runSquash(await makeFiles(DML_FILES), { dryRun: true });
    db = await built(result.sql);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('is verified and keeps every data statement, by file and line', () => {
    expect(result).toMatchObject({
      squashed: ['20240101000000', '20240102000000', '20240103000000'],
      into: `${M}/20240103000000_jobs.sql`,
      verified: true,
      data: 'statements',
      skipped: [],
      remaining: [],
      warnings: [],
    });
    const seed = `${M}/20240102000000_seed.sql`;
    const jobs = `${M}/20240103000000_jobs.sql`;
    expect(result.kept).toEqual([
      { file: seed, line: 1, kind: 'insert', targets: ['public.plans'] },
      { file: seed, line: 2, kind: 'insert', targets: ['storage.buckets'] },
      { file: jobs, line: 1, kind: 'update', targets: ['public.plans'] },
      { file: jobs, line: 2, kind: 'call', targets: ['cron.schedule'] },
      { file: jobs, line: 3, kind: 'call', targets: ['vault.create_secret'] },
    ]);
  });

  it('writes them verbatim, in their order, after the whole schema', () => {
    expect(result.sql.endsWith(`\n${DML_SECTION}`)).toBe(true);
    const schema = result.sql.slice(0, -DML_SECTION.length);
    expect(schema).toContain('create extension if not exists pg_cron;');
    expect(schema).toContain('  active boolean default true not null\n');
    expect(schema).not.toMatch(/insert|update|cron\.schedule|vault\./i);
  });

  it('the repair commands keep V applied and forget the rest', () => {
    expect(result.repair).toEqual([
      'kodo repair 20240101000000 20240102000000 --status reverted',
      'kodo repair 20240103000000 --status applied',
    ]);
  });

  it('the squashed text alone builds the rows, the bucket, the job and the secret', async () => {
    expect((await db.query('select id, name, price, active from public.plans order by id')).rows).toEqual([
      { id: 1, name: 'free', price: 0, active: true },
      { id: 2, name: 'pro', price: 12, active: true },
    ]);
    expect((await db.query(`select id, public from storage.buckets where id = 'docs'`)).rows).toEqual([
      { id: 'docs', public: false },
    ]);
    expect((await db.query('select jobname, schedule, command from cron.job')).rows).toEqual([
      { jobname: 'nightly', schedule: '0 3 * * *', command: 'delete from public.logs' },
    ]);
    expect((await db.query('select name, secret from vault.decrypted_secrets')).rows).toEqual([
      { name: 'api_key', secret: 's3cr3t' },
    ]);
  });
});

describe('data that the statements cannot rebuild on the final schema: the rows are carried', () => {
  const cases = {
    'an insert names a column a later file drops': {
      files: {
        [`${M}/20240101000000_a.sql`]: `create table public.t (id int primary key, old text);
insert into public.t (id, old) values (1, 'x'), (2, 'y');
`,
        [`${M}/20240102000000_b.sql`]: 'alter table public.t drop column old;\n',
      },
      failure: 'the squashed file fails at line 13: column "old" of relation "t" does not exist',
      skipped: [{ file: `${M}/20240101000000_a.sql`, line: 2, reason: 'replaced by the rows it left' }],
      rows: [{ id: 1 }, { id: 2 }],
      calls: '',
    },
    'add column, backfill, set not null (and a cron job, kept as a call)': {
      files: {
        [`${M}/20240101000000_a.sql`]: `create extension pg_cron;
create table public.t (id int primary key);
insert into public.t (id) values (1), (2);
`,
        [`${M}/20240102000000_b.sql`]: `alter table public.t add column label text;
update public.t set label = 'n' || id;
alter table public.t alter column label set not null;
select cron.schedule('purge', '@daily', 'select 1');
`,
      },
      failure:
        'the squashed file fails at line 15: null value in column "label" of relation "t" violates not-null constraint',
      skipped: [
        { file: `${M}/20240101000000_a.sql`, line: 3, reason: 'replaced by the rows it left' },
        { file: `${M}/20240102000000_b.sql`, line: 2, reason: 'replaced by the rows it left' },
      ],
      rows: [
        { id: 1, label: 'n1' },
        { id: 2, label: 'n2' },
      ],
      calls: `-- 20240102000000_b.sql line 4\nselect cron.schedule('purge', '@daily', 'select 1');\n`,
    },
  };

  for (const [name, c] of Object.entries(cases)) {
    describe(name, () => {
      let result: SquashResult;
      let db: Database;

      beforeAll(async () => {
        result = await runSquash(await makeFiles(c.files), { dryRun: true });
        db = await built(result.sql);
      });
      afterAll(async () => {
        await db?.close();
      });

      it('is verified with data "rows" and a warning saying why', () => {
        expect(result).toMatchObject({ verified: true, data: 'rows', remaining: [], skipped: c.skipped });
        expect(result.warnings).toEqual([
          `the data statements do not rebuild the same rows on the final schema (${c.failure}); the rows they left are carried instead`,
        ]);
        expect(result.kept.map((k) => k.kind)).toEqual(c.calls === '' ? [] : ['call']);
        expect(result.sql).toContain(
          '\n-- The rows the original migrations left in their tables, then their calls into the platform.\n',
        );
        expect(
          result.sql.endsWith(c.calls === '' ? 'SET session_replication_role = DEFAULT;\n' : c.calls),
        ).toBe(true);
      });

      it('a database built from the squashed file alone has the rows the originals left', async () => {
        expect((await db.query('select * from public.t order by id')).rows).toEqual(c.rows);
        if (c.calls === '') return;
        expect((await db.query('select jobname, schedule from cron.job')).rows).toEqual([
          { jobname: 'purge', schedule: '@daily' },
        ]);
      });
    });
  }
});

describe('nothing is written when the squash cannot be verified', () => {
  // A NOT VALID check constraint spares the rows that were there before it; the squashed file creates it first, so
  // no way of carrying the row (the insert, or the row itself) gets past it.
  const notValid = {
    [`${M}/20240101000000_a.sql`]: 'create table public.t (n int);\ninsert into public.t values (5);\n',
    [`${M}/20240102000000_b.sql`]: 'alter table public.t add constraint small check (n < 3) not valid;\n',
  };
  // An aggregate is not modeled: the dump cannot create it, so a view that uses it cannot be created either.
  const aggregate = {
    [`${M}/20240101000000_a.sql`]: 'create table public.t (n int);\n',
    [`${M}/20240102000000_b.sql`]: `create aggregate public.total(int) (sfunc = int4pl, stype = int);
create view public.v as select public.total(n) from public.t;
`,
  };
  // An aggregate nothing else needs: the file applies, and only the proof can notice it is gone.
  const lonelyAggregate = {
    [`${M}/20240101000000_a.sql`]: 'create table public.t (n int);\n',
    [`${M}/20240102000000_b.sql`]: 'create aggregate public.total(int) (sfunc = int4pl, stype = int);\n',
  };
  const cases: Array<[string, Record<string, string>, string[], string[]]> = [
    [
      'an object kodo does not model, needed by nothing',
      lonelyAggregate,
      [
        'with the data statements: aggregate public.total(integer): not carried (kodo does not model it yet)',
        'with the rows they left: aggregate public.total(integer): not carried (kodo does not model it yet)',
      ],
      ['not carried (kodo does not model them yet): aggregate public.total(integer)'],
    ],
    [
      'a row the final schema refuses',
      notValid,
      [
        'with the data statements: the squashed file fails at line 13: new row for relation "t" violates check constraint "small"',
        'with the rows they left: the squashed file fails at line 14: new row for relation "t" violates check constraint "small"',
      ],
      [],
    ],
    [
      'an object kodo does not model, needed by one it does',
      aggregate,
      [
        'with the data statements: the squashed file fails at line 10: function public.total(integer) does not exist',
        'with the rows they left: the squashed file fails at line 10: function public.total(integer) does not exist',
      ],
      ['not carried (kodo does not model them yet): aggregate public.total(integer)'],
    ],
  ];

  for (const [name, files, remaining, warnings] of cases) {
    it(name, async () => {
      const root = await makeFiles(files);
      const before = await listTree(root);
      const bytes = await Promise.all(Object.keys(files).map((f) => fs.readFile(path.join(root, f))));
      const result = await runSquash(root);
      expect(result).toMatchObject({ verified: false, backup: null, dryRun: false, remaining, warnings });
      expect(await listTree(root)).toEqual(before);
      for (const [i, f] of Object.keys(files).entries()) {
        expect(await fs.readFile(path.join(root, f)), f).toEqual(bytes[i]);
      }
      await expect(fs.stat(path.join(root, '.kodo', 'squashed'))).rejects.toMatchObject({ code: 'ENOENT' });
    });
  }
});
