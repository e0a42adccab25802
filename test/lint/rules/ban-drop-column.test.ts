import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'ban-drop-column';
const TABLE = 'create table public.users (id bigint primary key, nickname text, legacy_id int);';

describe(RULE, () => {
  it('flags DROP COLUMN on an existing table', async () => {
    await expectFindings(
      { '00001_users.sql': TABLE, '00002_drop.sql': '\nalter table public.users drop column nickname;' },
      RULE,
      [
        {
          file: '00002_drop.sql',
          line: 2,
          column: 1,
          message:
            'Dropping column nickname from public.users deletes its data and breaks every client that still reads or writes it; stop using it everywhere first, then drop it in a later migration.',
        },
      ],
    );
  });

  it('flags each dropped column, also IF EXISTS on a column that exists and on tables no migration created', async () => {
    await expectFindings(
      {
        '00001_users.sql': TABLE,
        '00002_drop.sql': `alter table users drop column if exists nickname, drop column legacy_id;
alter table profiles drop column bio;`,
      },
      RULE,
      [
        { file: '00002_drop.sql', line: 1, column: 1 },
        { file: '00002_drop.sql', line: 1, column: 1 },
        {
          file: '00002_drop.sql',
          line: 2,
          column: 1,
          message:
            'Dropping column bio from public.profiles deletes its data and breaks every client that still reads or writes it; stop using it everywhere first, then drop it in a later migration.',
        },
      ],
    );
  });

  it('exempts columns and tables created in the same transaction', async () => {
    await expectClean(
      {
        '00001_users.sql': `${TABLE}
alter table users drop column legacy_id;`,
        '00002_more.sql': `alter table users add column scratch text;
alter table users drop column scratch;`,
      },
      RULE,
    );
  });

  it('exempts IF EXISTS of a column no migration created, temporary tables and ALTER TABLE IF EXISTS', async () => {
    await expectClean(
      {
        '00001_users.sql': TABLE,
        '00002_more.sql': `alter table users drop column if exists never_there;
create temporary table scratch (n int, m int);
commit;
alter table scratch drop column m;
alter table if exists ghosts drop column n;`,
      },
      RULE,
    );
  });
});
