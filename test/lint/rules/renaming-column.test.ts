import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'renaming-column';

describe(RULE, () => {
  it('flags RENAME COLUMN on a table from an earlier migration', async () => {
    await expectFindings(
      {
        '00001_users.sql': 'create table public.users (id bigint primary key, name text);',
        '00002_rename.sql': 'alter table public.users rename column name to full_name;',
      },
      RULE,
      [
        {
          file: '00002_rename.sql',
          line: 1,
          column: 1,
          message:
            'Renaming column public.users.name to full_name breaks clients and functions that still use name; add the new column and move readers over before dropping the old one.',
        },
      ],
    );
  });

  it('flags the short form, views and tables the migrations do not know', async () => {
    await expectFindings(
      `alter table orders rename total to amount;
create view v as select 1 as a;
commit;
alter view v rename column a to b;`,
      RULE,
      [
        {
          line: 1,
          column: 1,
          message:
            'Renaming column public.orders.total to amount breaks clients and functions that still use total; add the new column and move readers over before dropping the old one.',
        },
        { line: 4, column: 1 },
      ],
    );
  });

  it('accepts renames in the transaction that created the table, and temporary tables', async () => {
    await expectClean(
      `create table t (id bigint primary key, a text);
alter table t rename column a to b;
create temp table scratch (a text);
alter table scratch rename column a to b;`,
      RULE,
    );
  });

  it('ignores other renames', async () => {
    await expectClean(
      {
        '00001_t.sql': "create table t (id bigint primary key, a text, constraint a_check check (a <> ''));",
        '00002_t.sql':
          'alter table t rename constraint a_check to a_not_empty;\nalter index t_pkey rename to t_pk;',
      },
      RULE,
    );
  });
});
