import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'ban-concurrent-index-creation-in-transaction';
const TABLE = 'create table public.orders (id bigint primary key, user_id bigint);';

describe(RULE, () => {
  it('warns that a file with other statements is no longer atomic (the CLI runs the index on its own)', async () => {
    await expectFindings(
      {
        '00001_orders.sql': TABLE,
        '00002_index.sql':
          "set lock_timeout = '5s';\ncreate index concurrently orders_user_id_idx on public.orders (user_id);",
      },
      RULE,
      [
        {
          file: '00002_index.sql',
          line: 2,
          column: 1,
          severity: 'warning',
          message:
            'CREATE INDEX CONCURRENTLY on public.orders cannot run inside a transaction, so the Supabase CLI (2.109 and later) and kodo up commit the statements before it and run it on its own: this file is no longer atomic (what ran before it stays applied if a later statement fails), and older CLIs refuse it; move it to a migration file of its own.',
        },
      ],
    );
  });

  it('flags it after an explicit BEGIN, even without the runner transaction', async () => {
    await expectFindings(
      'begin;\ncreate index concurrently on orders (user_id);\ncommit;',
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            'CREATE INDEX CONCURRENTLY on public.orders cannot run inside a transaction, and this one follows a BEGIN; move it to a migration file of its own, without BEGIN/COMMIT or other statements.',
        },
      ],
      { settings: { assumeInTransaction: false } },
    );
  });

  it('flags every concurrent index of a multi-statement file', async () => {
    await expectFindings(
      'create index concurrently a_idx on orders (id);\ncreate index concurrently b_idx on orders (user_id);',
      RULE,
      [
        { line: 1, column: 1 },
        { line: 2, column: 1 },
      ],
    );
  });

  it('accepts a file holding only the concurrent index (comments do not count)', async () => {
    await expectClean(
      {
        '00001_orders.sql': TABLE,
        '00002_index.sql':
          '-- built concurrently: orders is large\ncreate index concurrently if not exists orders_user_id_idx on orders (user_id);\n',
      },
      RULE,
    );
  });

  it('accepts several statements when the runner does not wrap files in a transaction', async () => {
    await expectClean(
      "set lock_timeout = '5s';\ncreate index concurrently orders_user_id_idx on orders (user_id);",
      RULE,
      { settings: { assumeInTransaction: false } },
    );
  });

  it('ignores non-concurrent index creation', async () => {
    await expectClean(`${TABLE}\ncreate index on orders (user_id);`, RULE);
  });
});
