import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'ban-update-without-where';

describe(RULE, () => {
  it('flags UPDATE without WHERE on an existing table, at the table name', async () => {
    await expectFindings(
      {
        '00001_t.sql': 'create table public.profiles (id bigint primary key, plan text);',
        '00002_backfill.sql': "update public.profiles set plan = 'free';",
      },
      RULE,
      [
        {
          file: '00002_backfill.sql',
          line: 1,
          column: 8,
          message:
            'UPDATE public.profiles has no WHERE clause and rewrites every row, locking them all until the migration commits; add a WHERE clause that selects the rows to change.',
        },
      ],
    );
  });

  it('flags UPDATE … FROM without WHERE and one inside a WITH query', async () => {
    await expectFindings(
      'update orders o set total = 0 from customers;\nwith x as (update audit set seen = true returning id) select * from x;',
      RULE,
      [
        { line: 1, column: 8 },
        { line: 2, column: 19 },
      ],
    );
  });

  it('accepts UPDATE with WHERE, tables created in the same transaction and temporary tables', async () => {
    await expectClean(
      `update profiles set plan = 'free' where plan is null;
create table staging (id bigint primary key, done boolean);
update staging set done = true;
create temp table scratch (id bigint, done boolean);
update scratch set done = false;`,
      RULE,
    );
  });
});
