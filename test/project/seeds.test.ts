// Seed files as the Supabase CLI finds them (supabase/seed.sql, or [db.seed] sql_paths globs of config.toml) and
// applies them (one transaction per file, recorded in supabase_migrations.seed_files), on real PGlite.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KodoError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/db/open.js';
import { applySeeds, seedFiles } from '../../src/project/seeds.js';
import { makeFiles } from '../helpers/temp.js';

const listed = (root: string) => seedFiles(root).files.map((f) => f.file);

describe('seedFiles', () => {
  it('is supabase/seed.sql by default, and nothing (without a warning) when there is none', async () => {
    const root = await makeFiles({ 'supabase/seed.sql': 'select 1;\n' });
    expect(seedFiles(root)).toEqual({
      files: [{ file: 'supabase/seed.sql', path: path.join(root, 'supabase', 'seed.sql') }],
      warnings: [],
      enabled: true,
    });
    const none = await makeFiles({ 'supabase/migrations/1_a.sql': 'select 1;\n' });
    expect(seedFiles(none)).toEqual({ files: [], warnings: [], enabled: true });
  });

  it('follows [db.seed] sql_paths: relative to supabase/, byte order within a pattern, pattern order, each file once', async () => {
    const root = await makeFiles({
      'supabase/config.toml': `project_id = "x"\n[db]\nport = 54322\n[db.seed]\nenabled = true\nsql_paths = ["./seeds/b_*.sql", "./seeds/*.sql", "../data/[0-9]?.sql", "./missing/*.sql"]\n`,
      'supabase/seeds/b_2.sql': 'select 1;\n',
      'supabase/seeds/b_10.sql': 'select 1;\n',
      'supabase/seeds/a.sql': 'select 1;\n',
      'supabase/seeds/Z.sql': 'select 1;\n',
      'supabase/seeds/notes.txt': 'not sql, not matched',
      'data/12.sql': 'select 1;\n',
      'data/1.sql': 'select 1;\n',
      'supabase/seed.sql': 'select 1; -- not in sql_paths: not run\n',
    });
    const { files, warnings } = seedFiles(root);
    expect(files.map((f) => f.file)).toEqual([
      'supabase/seeds/b_10.sql',
      'supabase/seeds/b_2.sql',
      'supabase/seeds/Z.sql',
      'supabase/seeds/a.sql',
      'data/12.sql',
    ]);
    expect(warnings).toEqual(['no files matched pattern: supabase/missing/*.sql']);
  });

  it('enabled = false means no seeds; an empty list means none; a pattern out of the project is ignored with a warning', async () => {
    const off = await makeFiles({
      'supabase/config.toml': '[db.seed]\nenabled = false\nsql_paths = ["./seed.sql"]\n',
      'supabase/seed.sql': 'select 1;\n',
    });
    expect(seedFiles(off)).toEqual({ files: [], warnings: [], enabled: false });
    const empty = await makeFiles({
      'supabase/config.toml': '[db.seed]\nsql_paths = []\n',
      'supabase/seed.sql': 'select 1;\n',
    });
    expect(listed(empty)).toEqual([]);
    const outside = await makeFiles({
      'supabase/config.toml': '[db.seed]\nsql_paths = ["../../etc/*.sql", "/tmp/x.sql", "seed.sql"]\n',
      'supabase/seed.sql': 'select 1;\n',
    });
    expect(seedFiles(outside)).toMatchObject({
      files: [{ file: 'supabase/seed.sql' }],
      warnings: [
        'supabase/config.toml [db.seed] sql_paths: "../../etc/*.sql" is outside the project (patterns are relative to supabase/); it is ignored.',
        'supabase/config.toml [db.seed] sql_paths: "/tmp/x.sql" is outside the project (patterns are relative to supabase/); it is ignored.',
      ],
    });
  });

  it('says which key is wrong in config.toml, and where the TOML is malformed', async () => {
    const badType = await makeFiles({ 'supabase/config.toml': '[db.seed]\nsql_paths = "seed.sql"\n' });
    expect(() => seedFiles(badType)).toThrow(
      new KodoError(
        'invalid-supabase-config',
        'supabase/config.toml: [db.seed] sql_paths must be an array of glob strings, e.g. ["./seed.sql"].',
      ),
    );
    const malformed = await makeFiles({ 'supabase/config.toml': '[db.seed\nenabled = true\n' });
    expect(() => seedFiles(malformed)).toThrow(/^supabase\/config\.toml is not valid TOML \(.* at line 1\)/);
  });
});

describe('applySeeds (PGlite)', () => {
  it('applies each file in one transaction, records it as the CLI does, and reports a failure with its file and line', async () => {
    const root = await makeFiles({
      'supabase/config.toml': '[db.seed]\nsql_paths = ["./seeds/*.sql"]\n',
      'supabase/seeds/1_users.sql': "insert into t values (1, 'ann');\ninsert into t values (2, 'bob');\n",
      'supabase/seeds/2_broken.sql':
        "-- a comment\ninsert into t values (3, 'cy');\ninsert into t values (4, 'dee');\ninsert into t values (5, nosuchcolumn);\n",
      'supabase/seeds/3_never.sql': "insert into t values (6, 'eve');\n",
    });
    const db = await openDatabase('memory', { root });
    try {
      await db.exec('create table t (id int primary key, name text)');
      const result = await applySeeds(db, seedFiles(root).files);
      expect(result).toEqual({
        seeded: ['supabase/seeds/1_users.sql'],
        failure: {
          file: 'supabase/seeds/2_broken.sql',
          version: '',
          line: 4,
          column: 26,
          sqlstate: '42703',
          message: 'column "nosuchcolumn" does not exist',
          hint: null,
          detail: null,
          statement: 3,
        },
        warnings: [],
      });
      // The broken file left none of its rows; the file after it never ran.
      expect((await db.query('select id, name from t order by id')).rows).toEqual([
        { id: 1, name: 'ann' },
        { id: 2, name: 'bob' },
      ]);
      const bytes = await fs.readFile(path.join(root, 'supabase/seeds/1_users.sql'));
      const { createHash } = await import('node:crypto');
      expect((await db.query('select path, hash from supabase_migrations.seed_files')).rows).toEqual([
        { path: 'supabase/seeds/1_users.sql', hash: createHash('sha256').update(bytes).digest('hex') },
      ]);
    } finally {
      await db.close();
    }
  });

  it('does nothing, not even the seed table, when there are no files', async () => {
    const root = await makeFiles({});
    const db = await openDatabase('memory', { root });
    try {
      expect(await applySeeds(db, [])).toEqual({ seeded: [], failure: null, warnings: [] });
      const { rows } = await db.query("select to_regclass('supabase_migrations.seed_files') is null as none");
      expect(rows).toEqual([{ none: true }]);
    } finally {
      await db.close();
    }
  });

  it('refuses a seed file that links out of the project', async () => {
    const outside = await makeFiles({ 'secret.sql': 'select 1;\n' });
    const root = await makeFiles({});
    await fs.mkdir(path.join(root, 'supabase'), { recursive: true });
    await fs.symlink(path.join(outside, 'secret.sql'), path.join(root, 'supabase', 'seed.sql'));
    const db = await openDatabase('memory', { root });
    try {
      await expect(applySeeds(db, seedFiles(root).files)).rejects.toThrow(
        'Seed file supabase/seed.sql is a link to a file outside the project; kodo runs only files inside it.',
      );
    } finally {
      await db.close();
    }
  });
});
