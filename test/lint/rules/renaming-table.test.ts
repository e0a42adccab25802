import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'renaming-table';

describe(RULE, () => {
  it('flags RENAME TO on a table from an earlier migration', async () => {
    await expectFindings(
      {
        '00001_orders.sql': 'create table public.orders (id bigint primary key);',
        '00002_rename.sql': '-- new name\nalter table public.orders rename to purchases;',
      },
      RULE,
      [
        {
          file: '00002_rename.sql',
          line: 2,
          column: 1,
          message:
            'Renaming table public.orders to purchases breaks clients and functions that still use the old name; keep it, or leave a view under the old name while clients move.',
        },
      ],
    );
  });

  it('flags IF EXISTS forms and tables the migrations do not know', async () => {
    await expectFindings('alter table if exists app.legacy rename to "Legacy";', RULE, [
      {
        line: 1,
        column: 1,
        message:
          'Renaming table app.legacy to "Legacy" breaks clients and functions that still use the old name; keep it, or leave a view under the old name while clients move.',
      },
    ]);
  });

  it('accepts renames in the transaction that created the table, and temporary tables', async () => {
    await expectClean(
      `create table t (id bigint primary key);
alter table t rename to t2;
create temp table scratch (a text);
alter table scratch rename to scratch2;`,
      RULE,
    );
  });

  it('ignores column renames and view renames', async () => {
    await expectClean(
      {
        '00001_t.sql': 'create table t (id bigint primary key, a text);\ncreate view v as select id from t;',
        '00002_t.sql': 'alter table t rename column a to b;\nalter view v rename to v2;',
      },
      RULE,
    );
  });
});
