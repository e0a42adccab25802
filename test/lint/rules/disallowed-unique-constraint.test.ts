import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'disallowed-unique-constraint';

describe(RULE, () => {
  it('flags ADD CONSTRAINT … UNIQUE on an existing table, at the constraint', async () => {
    await expectFindings(
      {
        '00001_users.sql': 'create table public.users (id bigint primary key, email text);',
        '00002_unique.sql': 'alter table public.users\n  add constraint users_email_key unique (email);',
      },
      RULE,
      [
        {
          file: '00002_unique.sql',
          line: 2,
          column: 7,
          message:
            'Unique constraint users_email_key on public.users(email) builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; create a unique index CONCURRENTLY in its own migration, then add the constraint with UNIQUE USING INDEX.',
        },
      ],
    );
  });

  it('flags an unnamed UNIQUE and a UNIQUE column on a table no migration created', async () => {
    await expectFindings(
      'alter table users add unique (email, org_id);\nalter table users add column handle text unique;',
      RULE,
      [
        {
          line: 1,
          column: 23,
          message:
            'A unique constraint on public.users(email, org_id) builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; create a unique index CONCURRENTLY in its own migration, then add the constraint with UNIQUE USING INDEX.',
        },
        {
          line: 2,
          column: 42,
          message:
            'Adding column handle to public.users as UNIQUE builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column, create a unique index CONCURRENTLY in its own migration, then add the constraint with UNIQUE USING INDEX.',
        },
      ],
    );
  });

  it('accepts UNIQUE USING INDEX after a concurrent index build', async () => {
    await expectClean(
      {
        '00001_users.sql': 'create table users (id bigint primary key, email text);',
        '00002_index.sql': 'create unique index concurrently users_email_idx on users (email);',
        '00003_unique.sql':
          'alter table users add constraint users_email_key unique using index users_email_idx;',
      },
      RULE,
    );
  });

  it('exempts tables created in the same transaction, temporary tables and ALTER TABLE IF EXISTS', async () => {
    await expectClean(
      `create table users (id bigint primary key, email text);
alter table users add constraint users_email_key unique (email);
alter table users add column handle text unique;
create temporary table scratch (n int);
alter table scratch add unique (n);
alter table if exists ghosts add unique (n);`,
      RULE,
    );
  });
});
