import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'adding-not-nullable-field';
const TABLE = 'create table public.users (id bigint primary key, email text, name text);';

describe(RULE, () => {
  it('flags SET NOT NULL on an existing table', async () => {
    await expectFindings(
      {
        '00001_users.sql': TABLE,
        '00002_email.sql':
          '-- emails are required now\nalter table public.users alter column email set not null;',
      },
      RULE,
      [
        {
          file: '00002_email.sql',
          line: 2,
          column: 1,
          message:
            'Setting email NOT NULL on public.users scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add CHECK (email IS NOT NULL) NOT VALID, validate it in a later migration, then set NOT NULL.',
        },
      ],
    );
  });

  it('flags SET NOT NULL on a table no migration created, and a NOT VALID check that was never validated', async () => {
    await expectFindings(
      `alter table profiles alter column bio set not null;
alter table profiles add constraint handle_not_null check (handle is not null) not valid;
alter table profiles alter column handle set not null;`,
      RULE,
      [
        { line: 1, column: 1 },
        { line: 3, column: 1 },
      ],
    );
  });

  it('suggests NOT NULL in the ADD COLUMN for a column added in the same transaction', async () => {
    await expectFindings(
      {
        '00001_users.sql': TABLE,
        '00002_flag.sql': `alter table users add column active boolean default true;
alter table users alter column active set not null;
alter table users add column score int default 0, alter column score set not null;`,
      },
      RULE,
      [
        {
          file: '00002_flag.sql',
          line: 2,
          column: 1,
          message:
            'Setting active NOT NULL on public.users right after adding it scans every row under the ACCESS EXCLUSIVE lock; declare it NOT NULL with a constant default in the ADD COLUMN instead, which needs no scan.',
        },
        { file: '00002_flag.sql', line: 3, column: 1 },
      ],
    );
  });

  it('says what to do on Postgres before 12', async () => {
    await expectFindings(
      'alter table users alter column email set not null;',
      RULE,
      [
        {
          line: 1,
          column: 1,
          message:
            'Setting email NOT NULL on public.users scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; on Postgres 11 keep the column nullable and enforce it with a NOT VALID CHECK constraint instead.',
        },
      ],
      { settings: { pgVersion: 11 } },
    );
  });

  it('accepts SET NOT NULL once a CHECK (col IS NOT NULL) was validated, in a later migration or statement', async () => {
    await expectClean(
      {
        '00001_users.sql': TABLE,
        '00002_check.sql':
          'alter table users add constraint users_email_not_null check (email is not null) not valid;',
        '00003_validate.sql': `alter table users validate constraint users_email_not_null;
alter table users alter column email set not null;
alter table users drop constraint users_email_not_null;`,
      },
      RULE,
    );
  });

  it('accepts VALIDATE and SET NOT NULL in one statement, and a check that ANDs the test with others', async () => {
    await expectClean(
      {
        '00001_users.sql': TABLE,
        '00002_check.sql': `alter table users add constraint email_ok check (email is not null) not valid;
alter table users add constraint name_ok check (name is not null and length(name) > 0) not valid;`,
        '00003_validate.sql': `alter table users validate constraint email_ok, alter column email set not null;
alter table users validate constraint name_ok;
alter table users alter column name set not null;`,
      },
      RULE,
    );
  });

  it("honours squawk's validate-and-drop pattern for helper constraints the migrations do not know", async () => {
    await expectClean(
      `alter table foo validate constraint foo_bar_not_null;
alter table foo alter column bar set not null;
alter table foo drop constraint foo_bar_not_null;
alter table foo validate constraint some_helper;
alter table foo alter column baz set not null;
alter table foo drop constraint some_helper;`,
      RULE,
    );
  });

  it('still flags columns the unknown helper constraint does not cover', async () => {
    await expectFindings(
      `alter table foo validate constraint bar_not_null;
alter table foo alter column baz set not null;
alter table foo alter column bar set not null;
alter table foo drop constraint bar_not_null;
alter table foo validate constraint other_check;
alter table foo alter column qux set not null;`,
      RULE,
      [
        { line: 2, column: 1 },
        { line: 6, column: 1 },
      ],
    );
  });

  it('exempts columns already NOT NULL, tables created in the same transaction, temporary tables and IF EXISTS', async () => {
    await expectClean(
      {
        '00001_users.sql': `${TABLE}
alter table users alter column email set not null;
create table audit (id bigint primary key, at timestamptz not null);`,
        '00002_more.sql': `alter table audit alter column at set not null;
alter table users alter column id set not null;
create temporary table scratch (n int);
alter table scratch alter column n set not null;
alter table if exists ghosts alter column n set not null;
alter table users add column code text not null default 'x', alter column code set not null;`,
      },
      RULE,
    );
  });
});
