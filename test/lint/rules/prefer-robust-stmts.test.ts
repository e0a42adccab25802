import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'prefer-robust-stmts';
const OUTSIDE = { settings: { assumeInTransaction: false } };

describe(RULE, () => {
  it('flags CREATE TABLE and CREATE INDEX without IF NOT EXISTS outside a transaction', async () => {
    await expectFindings(
      'create table public.notes (id bigint primary key);\ncreate index notes_id_idx on public.notes (id);',
      RULE,
      [
        {
          line: 1,
          column: 1,
          message:
            'CREATE TABLE public.notes has no IF NOT EXISTS and runs outside a transaction, so the migration cannot be rerun after a partial failure; add IF NOT EXISTS.',
        },
        {
          line: 2,
          column: 1,
          message:
            'CREATE INDEX notes_id_idx has no IF NOT EXISTS and runs outside a transaction, so the migration cannot be rerun after a partial failure; add IF NOT EXISTS.',
        },
      ],
      OUTSIDE,
    );
  });

  it('leaves the statements of a DO block alone: the block runs as one statement and fails as a whole', async () => {
    await expectClean(
      `do $$ begin
  if not exists (select 1 from pg_tables where tablename = 'notes') then
    create table public.notes (id bigint primary key);
  end if;
end $$;`,
      RULE,
      OUTSIDE,
    );
  });

  it('flags DROP TABLE/INDEX/TYPE without IF EXISTS outside a transaction', async () => {
    await expectFindings(
      'drop table a, app.b;\ndrop index a_idx;\ndrop type mood;',
      RULE,
      [
        {
          line: 1,
          column: 1,
          message:
            'DROP TABLE public.a, app.b has no IF EXISTS and runs outside a transaction, so the migration cannot be rerun after a partial failure; add IF EXISTS.',
        },
        { line: 2, column: 1 },
        {
          line: 3,
          column: 1,
          message:
            'DROP TYPE mood has no IF EXISTS and runs outside a transaction, so the migration cannot be rerun after a partial failure; add IF EXISTS.',
        },
      ],
      OUTSIDE,
    );
  });

  it('flags ALTER TABLE actions that cannot run twice', async () => {
    await expectFindings(
      `alter table t add column c text;
alter table t drop column d, drop constraint t_d_check;
alter table t add constraint t_c_check check (c <> '');
alter table t add check (c <> '');
alter table t attach partition t_2024 for values from ('2024-01-01') to ('2025-01-01');`,
      RULE,
      [
        {
          line: 1,
          column: 26,
          message:
            'ALTER TABLE public.t ADD COLUMN c has no IF NOT EXISTS and runs outside a transaction, so the migration cannot be rerun after a partial failure; add IF NOT EXISTS.',
        },
        {
          line: 2,
          column: 1,
          message:
            'ALTER TABLE public.t DROP COLUMN d has no IF EXISTS and runs outside a transaction, so the migration cannot be rerun after a partial failure; add IF EXISTS.',
        },
        {
          line: 2,
          column: 1,
          message:
            'ALTER TABLE public.t DROP CONSTRAINT t_d_check has no IF EXISTS and runs outside a transaction, so the migration cannot be rerun after a partial failure; add IF EXISTS.',
        },
        {
          line: 3,
          column: 19,
          message:
            'ALTER TABLE public.t ADD CONSTRAINT t_c_check runs outside a transaction and cannot safely run twice; run the migration in a transaction, or drop the constraint first with DROP CONSTRAINT IF EXISTS.',
        },
        {
          line: 4,
          column: 19,
          message:
            'ALTER TABLE public.t ADD CONSTRAINT runs outside a transaction and cannot safely run twice; run the migration in a transaction, or name the constraint and drop it first with DROP CONSTRAINT IF EXISTS.',
        },
        {
          line: 5,
          column: 1,
          message:
            'ALTER TABLE public.t runs outside a transaction and cannot run twice, so a migration that fails part way cannot simply be rerun; run the migration in a transaction.',
        },
      ],
      OUTSIDE,
    );
  });

  it('flags CREATE INDEX CONCURRENTLY without IF NOT EXISTS even in a Supabase migration', async () => {
    await expectFindings('create index concurrently orders_user_idx on orders (user_id);', RULE, [
      {
        line: 1,
        column: 1,
        message:
          'CREATE INDEX CONCURRENTLY orders_user_idx has no IF NOT EXISTS, and a failed concurrent build leaves an invalid index of that name behind so the rerun fails; add IF NOT EXISTS (and drop the invalid index if a build failed).',
      },
    ]);
  });

  it('flags statements after a COMMIT when files are not wrapped', async () => {
    await expectFindings(
      'begin;\ncreate table a (id bigint primary key);\ncommit;\ncreate table b (id bigint primary key);',
      RULE,
      [{ line: 4, column: 1 }],
      OUTSIDE,
    );
  });

  it('stays quiet in a Supabase migration, which the CLI runs in a transaction', async () => {
    await expectClean(
      `create table t (id bigint primary key);
create index t_idx on t (id);
alter table t add column c text, drop column c;
drop table t;
begin;
drop type if exists mood;
commit;
drop index t_idx;`,
      RULE,
    );
  });

  it('accepts IF [NOT] EXISTS, explicit transactions and statements that can run twice', async () => {
    await expectClean(
      `create table if not exists t (id bigint primary key);
create index if not exists t_idx on t (id);
create index concurrently if not exists t_c_idx on t (id);
create index on t (id);
drop table if exists a;
drop index concurrently if exists a_idx;
alter table t add column if not exists c text, drop column if exists d, drop constraint if exists t_x;
alter table t alter column c set default 'x', alter column c set not null, enable row level security;
alter table t validate constraint t_c_check;
create temp table scratch (id bigint) on commit drop;
insert into t values (1);
begin;
create table u (id bigint primary key);
alter table u add column c text;
commit;`,
      RULE,
      OUTSIDE,
    );
  });

  it('accepts re-adding a constraint the file dropped first', async () => {
    await expectClean(
      `alter table t drop constraint if exists t_email_key;
alter table t add constraint t_email_key unique using index t_email_idx;
alter table t validate constraint t_email_key;`,
      RULE,
      OUTSIDE,
    );
  });
});
