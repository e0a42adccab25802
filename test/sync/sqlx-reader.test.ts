// The SQLx reader: simple and reversible files in numeric order, -- no-transaction carried, bad folders refused.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSqlx } from '../../src/sync/sqlx/index.js';
import { makeFiles } from '../helpers/temp.js';
import { sha256, sqlxWorkspace } from './sync-helpers.js';

const dir = 'services/rs/migrations';
async function read(files: Record<string, string>) {
  const root = await makeFiles(Object.fromEntries(Object.entries(files).map(([n, t]) => [`${dir}/${n}`, t])));
  return readSqlx(sqlxWorkspace(root), {});
}

describe('sqlx-cli migrations', () => {
  it('reads simple files in numeric version order (10 after 9), with sqlx description as the name', async () => {
    const { migrations, notes } = await read({
      '10_add_Email.sql': 'alter table users add column email text;',
      '9_create users.sql': 'create table users (id int);\n',
      'README.md': 'not a migration',
      'nounderscore.sql': 'skipped by sqlx',
    });
    expect(notes).toEqual([]);
    expect(migrations).toEqual([
      {
        source: `${dir}/9_create users.sql`,
        sha256: sha256('create table users (id int);\n'),
        name: 'create_users',
        sql: 'create table users (id int);\n',
        noTransaction: false,
        down: null,
        notes: [],
      },
      {
        source: `${dir}/10_add_Email.sql`,
        sha256: sha256('alter table users add column email text;'),
        name: 'add_email',
        sql: 'alter table users add column email text;\n',
        noTransaction: false,
        down: null,
        notes: [],
      },
    ]);
  });

  it('pairs a reversible up with its down, hashing the up file and keeping the down SQL', async () => {
    const up = 'create table pets (id int);\n';
    const { migrations } = await read({
      '20240101000000_pets.up.sql': up,
      '20240101000000_pets.down.sql': 'drop table pets;',
    });
    expect(migrations).toEqual([
      {
        source: `${dir}/20240101000000_pets.up.sql`,
        sha256: sha256(up),
        name: 'pets',
        sql: up,
        noTransaction: false,
        down: 'drop table pets;\n',
        notes: [],
      },
    ]);
  });

  it('carries -- no-transaction: the flag set, the marker line out of the SQL, the hash of the whole file', async () => {
    const text = '-- no-transaction\ncreate index concurrently users_email_idx on users (email);\n';
    const [m] = (await read({ '0002_index.sql': text })).migrations;
    expect(m).toMatchObject({ sha256: sha256(text), noTransaction: true, sql: text.slice(18) });
    expect(m!.notes).toEqual([
      'starts with -- no-transaction: sqlx runs it outside a transaction, while the Supabase CLI (and kodo) run a file in one transaction and only the statements that cannot run inside one (CREATE INDEX CONCURRENTLY, …) on their own; kodo check shows whether it applies that way.',
    ]);
    // sqlx looks at the very first characters only: after a space it is a comment like any other.
    const later = (await read({ '0003_later.sql': ' -- no-transaction\nselect 1;\n' })).migrations[0];
    expect(later).toMatchObject({ noTransaction: false, sql: ' -- no-transaction\nselect 1;\n' });
  });

  it('names a description without letters by its version', async () => {
    const { migrations } = await read({ '0003_.sql': 'select 1;\n', '0004_..__.sql': 'select 2;\n' });
    expect(migrations.map((m) => m.name)).toEqual(['migration_3', 'migration_4']);
  });

  it('has nothing to read in a folder that does not exist yet', async () => {
    const root = await makeFiles({ 'services/rs/Cargo.toml': '' });
    expect(await readSqlx(sqlxWorkspace(root), {})).toEqual({
      migrations: [],
      notes: ['services/rs/migrations does not exist yet: sqlx migrate add has not run.'],
    });
  });
});

describe('sqlx-cli folders kodo refuses, in one sentence', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    [
      'a version used twice',
      { '0001_a.sql': 'select 1;', '0001_b.sql': 'select 2;' },
      `Version 1 is used by ${dir}/0001_a.sql and ${dir}/0001_b.sql; sqlx needs one migration per version, so renumber one of them.`,
    ],
    [
      'a simple file and an up file with one version',
      { '0001_a.sql': 'select 1;', '1_b.up.sql': 'select 2;', '1_b.down.sql': 'select 3;' },
      `Version 1 is used by ${dir}/0001_a.sql and ${dir}/1_b.down.sql and ${dir}/1_b.up.sql; sqlx needs one migration per version, so renumber one of them.`,
    ],
    [
      'an up without its down',
      { '0002_pets.up.sql': 'create table pets (id int);' },
      `${dir}/0002_pets.up.sql has no matching .down.sql file; add it (sqlx migrate add -r writes both) or rename the up file to a simple .sql migration.`,
    ],
    [
      'a down without its up',
      { '0002_pets.down.sql': 'drop table pets;' },
      `${dir}/0002_pets.down.sql has no matching .up.sql file; add the up migration or remove the down file.`,
    ],
    [
      'a down beside a simple file',
      { '0002_pets.sql': 'create table pets (id int);', '0002_pets.down.sql': 'drop table pets;' },
      `${dir}/0002_pets.down.sql belongs to no .up.sql file (${dir}/0002_pets.sql is a simple migration); rename ${dir}/0002_pets.sql to .up.sql or remove the down file.`,
    ],
    [
      'a version that is not an integer',
      { 'v1_init.sql': 'select 1;' },
      `${dir}/v1_init.sql does not start with an integer version (sqlx expects names like 0001_create_users.sql); rename it or move it out of the migrations folder.`,
    ],
  ];
  for (const [what, files, message] of cases) {
    it(what, async () => {
      await expect(read(files)).rejects.toThrow(message);
    });
  }

  it('a link out of the project (a folder named like a migration is skipped, as sqlx does)', async () => {
    const root = await makeFiles({ [`${dir}/0001_a.sql`]: 'select 1;' });
    await fs.mkdir(path.join(root, dir, '0002_b.sql'));
    await fs.symlink('/etc/hostname', path.join(root, dir, '0003_c.sql'));
    await expect(readSqlx(sqlxWorkspace(root), {})).rejects.toThrow(
      `${dir}/0003_c.sql is a symlink to /etc/hostname, outside the project; kodo follows links only to files inside the project, so copy the file in or remove the link.`,
    );
  });
});
