import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'require-concurrent-index-creation';

describe(RULE, () => {
  it('flags CREATE INDEX on an existing table, at the table name', async () => {
    await expectFindings(
      {
        '00001_orders.sql': 'create table public.orders (id bigint primary key, user_id bigint);',
        '00002_index.sql': 'create index orders_user_id_idx\n  on public.orders (user_id);',
      },
      RULE,
      [
        {
          file: '00002_index.sql',
          line: 2,
          column: 6,
          message:
            'Index creation on public.orders blocks writes until it finishes; use CREATE INDEX CONCURRENTLY in a migration of its own.',
        },
      ],
    );
  });

  it('flags unique indexes on tables no migration created', async () => {
    await expectFindings('create unique index on accounts (lower(email));', RULE, [{ line: 1, column: 24 }]);
  });

  it('says how to index a partitioned table', async () => {
    await expectFindings(
      {
        '00001_events.sql':
          'create table events (id bigint, at date, primary key (id, at)) partition by range (at);',
        '00002_index.sql': 'create index events_at_idx on events (at);',
      },
      RULE,
      [
        {
          file: '00002_index.sql',
          line: 1,
          column: 31,
          message:
            "Index creation on the partitioned table public.events blocks writes to every partition until it finishes, and CONCURRENTLY is not supported there; create it ON ONLY public.events, build each partition's index CONCURRENTLY and attach them with ALTER INDEX … ATTACH PARTITION.",
        },
      ],
    );
  });

  it('accepts CONCURRENTLY and ON ONLY a partitioned table', async () => {
    await expectClean(
      {
        '00001_tables.sql': `create table orders (id bigint primary key, user_id bigint);
create table events (id bigint, at date, primary key (id, at)) partition by range (at);`,
        '00002_index.sql': 'create index concurrently if not exists orders_user_id_idx on orders (user_id);',
        '00003_parent.sql': 'create index events_at_idx on only events (at);',
      },
      RULE,
    );
  });

  it('exempts tables created in the same transaction, temporary tables and materialized views', async () => {
    await expectClean(
      {
        '00001_tables.sql': `create table orders (id bigint primary key, user_id bigint);
create index orders_user_id_idx on orders (user_id);
create materialized view totals as select user_id, count(*) from orders group by user_id;`,
        '00002_more.sql': `create temporary table scratch (n int);
create index on scratch (n);
create index totals_user_id_idx on totals (user_id);`,
      },
      RULE,
    );
  });

  it('exempts CREATE INDEX IF NOT EXISTS of an index that exists', async () => {
    await expectClean(
      {
        '00001_tables.sql': `create table orders (id bigint primary key, user_id bigint);
create index orders_user_id_idx on orders (user_id);`,
        '00002_again.sql': 'create index if not exists orders_user_id_idx on orders (user_id);',
      },
      RULE,
    );
  });

  it('checks tables created in an earlier transaction of the same file', async () => {
    await expectFindings(
      'begin;\ncreate table t (id bigint primary key, n int);\ncommit;\ncreate index on t (n);',
      RULE,
      [{ line: 4, column: 17 }],
    );
  });

  it('leaves Supabase platform tables alone', async () => {
    await expectClean('create index users_email_idx on auth.users (email);', RULE);
  });
});
