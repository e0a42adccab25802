import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'rls-enabled-no-policy';

describe(RULE, () => {
  it('flags RLS enabled with no policy, at the ALTER TABLE', async () => {
    await expectFindings(
      'create table public.notes (id bigint primary key);\nalter table public.notes enable row level security;',
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            'Row level security is enabled on public.notes but it has no policy, so anon and authenticated can neither read nor write it; add the policies you intend.',
        },
      ],
    );
  });

  it('accepts a policy written in a later migration', async () => {
    await expectClean(
      {
        '00001_table.sql':
          'create table notes (id bigint primary key); alter table notes enable row level security;',
        '00003_policy.sql': 'create policy "read" on notes for select to authenticated using (true);',
      },
      RULE,
    );
  });

  it('flags a table whose only policy was dropped', async () => {
    await expectFindings(
      {
        '00001_table.sql':
          'create table notes (id bigint primary key);\nalter table notes enable row level security;\ncreate policy p on notes using (true);',
        '00002_drop.sql': 'drop policy p on notes;',
      },
      RULE,
      [{ line: 2, column: 1, file: '00001_table.sql' }],
    );
  });

  it('does not flag tables without RLS or with RLS disabled again', async () => {
    await expectClean(
      'create table a (id int primary key); alter table a enable row level security; alter table a disable row level security;',
      RULE,
    );
  });
});
