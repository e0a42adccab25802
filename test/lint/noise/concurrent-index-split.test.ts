// Noise seen on real folders (issue 9): a file of several CREATE INDEX CONCURRENTLY statements applies with the
// Supabase CLI 2.109 and later (and kodo up), which commits before each and runs it on its own. That is a warning
// that the file is no longer atomic, not an error; where nothing can take the index out of a transaction, it
// stays an error.
import { describe, expect, it } from 'vitest';
import { expectFindings, findingsOf } from '../helpers.js';

const RULE = 'ban-concurrent-index-creation-in-transaction';
const TABLE = 'create table public.orders (id bigint primary key, user_id bigint, status text);';

describe('ban-concurrent-index-creation-in-transaction on files the CLI splits', () => {
  it('a file of concurrent indexes (a real folder) gets warnings, no error', async () => {
    const findings = await findingsOf(
      {
        '00001_orders.sql': TABLE,
        '00002_indexes.sql': `-- hot query indexes
create index concurrently if not exists orders_user_id_idx on public.orders (user_id);
create index concurrently if not exists orders_status_idx on public.orders (status);`,
      },
      RULE,
    );
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [2, 'warning'],
      [3, 'warning'],
    ]);
  });

  it('twin: after a written BEGIN it stays an error', async () => {
    await expectFindings(
      {
        '00001_orders.sql': TABLE,
        '00002_indexes.sql':
          'begin;\ncreate index concurrently orders_user_id_idx on public.orders (user_id);\ncommit;',
      },
      RULE,
      [{ file: '00002_indexes.sql', line: 2, column: 1, severity: 'error' }],
    );
  });

  it('twin: inside a DO block it stays an error', async () => {
    await expectFindings(
      {
        '00001_orders.sql': TABLE,
        '00002_indexes.sql': `do $$
begin
  create index concurrently orders_user_id_idx on public.orders (user_id);
end $$;`,
      },
      RULE,
      [
        {
          file: '00002_indexes.sql',
          line: 3,
          column: 3,
          severity: 'error',
          message:
            'CREATE INDEX CONCURRENTLY on public.orders cannot run inside a DO block, which always runs in a transaction; move it out of the block, to a migration file of its own.',
        },
      ],
    );
  });
});
