import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'require-concurrent-index-deletion';
const TABLE = `create table public.orders (id bigint primary key, user_id bigint);
create index orders_user_id_idx on public.orders (user_id);`;

describe(RULE, () => {
  it('flags DROP INDEX of an existing index, naming its table', async () => {
    await expectFindings(
      { '00001_orders.sql': TABLE, '00002_drop.sql': '-- not used\ndrop index public.orders_user_id_idx;' },
      RULE,
      [
        {
          file: '00002_drop.sql',
          line: 2,
          column: 1,
          message:
            'Dropping index public.orders_user_id_idx locks public.orders against reads and writes, and the lock waits behind every running query; use DROP INDEX CONCURRENTLY in a migration of its own.',
        },
      ],
    );
  });

  it('flags each index of the statement, including ones no migration created', async () => {
    await expectFindings(
      { '00001_orders.sql': TABLE, '00002_drop.sql': 'drop index orders_user_id_idx, legacy_idx;' },
      RULE,
      [
        { file: '00002_drop.sql', line: 1, column: 1 },
        {
          file: '00002_drop.sql',
          line: 1,
          column: 1,
          message:
            'Dropping index public.legacy_idx locks its table against reads and writes, and the lock waits behind every running query; use DROP INDEX CONCURRENTLY in a migration of its own.',
        },
      ],
    );
  });

  it('accepts DROP INDEX CONCURRENTLY', async () => {
    await expectClean(
      {
        '00001_orders.sql': TABLE,
        '00002_drop.sql': 'drop index concurrently if exists orders_user_id_idx;',
      },
      RULE,
    );
  });

  it('exempts indexes and tables created in the same transaction, temporary tables and unknown IF EXISTS', async () => {
    await expectClean(
      {
        '00001_orders.sql': `${TABLE}
drop index orders_user_id_idx;`,
        '00002_more.sql': `create index orders_id_user_idx on orders (id, user_id);
drop index orders_id_user_idx;
create temporary table scratch (n int);
create index scratch_n_idx on scratch (n);
commit;
drop index scratch_n_idx;
drop index if exists never_created_idx;`,
      },
      RULE,
    );
  });
});
