import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'ban-delete-without-where';

describe(RULE, () => {
  it('flags DELETE without WHERE on an existing table, at the table name', async () => {
    await expectFindings(
      {
        '00001_t.sql': 'create table public.sessions (id bigint primary key);',
        '00002_clear.sql': 'delete from public.sessions;',
      },
      RULE,
      [
        {
          file: '00002_clear.sql',
          line: 1,
          column: 13,
          message:
            'DELETE FROM public.sessions has no WHERE clause and removes every row; add a WHERE clause that selects the rows to delete.',
        },
      ],
    );
  });

  it('flags DELETE … USING without WHERE and one inside a WITH query', async () => {
    await expectFindings(
      'delete from orders using customers;\nwith gone as (delete from audit returning id) select count(*) from gone;',
      RULE,
      [
        { line: 1, column: 13 },
        {
          line: 2,
          column: 27,
          message:
            'DELETE FROM public.audit has no WHERE clause and removes every row; add a WHERE clause that selects the rows to delete.',
        },
      ],
    );
  });

  it('accepts DELETE with WHERE, tables created in the same transaction and temporary tables', async () => {
    await expectClean(
      `delete from orders where created_at < now() - interval '1 year';
create table staging (id bigint primary key);
insert into staging values (1);
delete from staging;
create temp table scratch (id bigint);
delete from scratch;`,
      RULE,
    );
  });

  it('ignores DELETEs in rule actions and function bodies, which run later', async () => {
    await expectClean(
      `create table t (id bigint primary key);
commit;
create rule purge as on update to t do also delete from t;
create function wipe() returns void language sql begin atomic delete from t; end;`,
      RULE,
    );
  });
});
