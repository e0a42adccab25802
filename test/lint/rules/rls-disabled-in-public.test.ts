import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'rls-disabled-in-public';

describe(RULE, () => {
  it('flags a public table without RLS', async () => {
    await expectFindings('create table public.profiles (id uuid primary key);', RULE, [
      {
        line: 1,
        column: 1,
        message:
          'Table public.profiles is exposed through the Data API without row level security, so anyone with the anon key can read and change every row; enable row level security and add policies.',
      },
    ]);
  });

  it('points at the statement that disabled RLS again', async () => {
    await expectFindings(
      {
        '00001_a.sql':
          'create table profiles (id uuid primary key);\nalter table profiles enable row level security;',
        '00002_b.sql': 'select 1;\nalter table profiles disable row level security;',
      },
      RULE,
      [{ file: '00002_b.sql', line: 2, column: 1 }],
    );
  });

  it('accepts RLS enabled in a later migration', async () => {
    await expectClean(
      {
        '00001_a.sql': 'create table profiles (id uuid primary key);',
        '00002_b.sql': 'alter table profiles enable row level security;',
      },
      RULE,
    );
  });

  it('accepts private schemas and tables the API roles cannot read', async () => {
    await expectClean(
      `create schema private;
       create table private.secrets (id int primary key);
       create table public.jobs (id int primary key);
       revoke all on table public.jobs from anon, authenticated;`,
      RULE,
    );
  });

  it('flags a private-schema table once it is exposed by config', async () => {
    await expectFindings(
      'create schema api;\ncreate table api.items (id int primary key);\ngrant select on api.items to anon;',
      RULE,
      [{ line: 2, column: 1 }],
      {
        settings: { exposedSchemas: ['public', 'api'] },
      },
    );
  });
});
