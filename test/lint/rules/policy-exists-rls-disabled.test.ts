import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'policy-exists-rls-disabled';

describe(RULE, () => {
  it('flags policies on a table whose RLS was never enabled, at the first policy', async () => {
    await expectFindings(
      'create table public.notes (id bigint primary key, owner uuid);\ncreate policy "read own" on public.notes for select using ((select auth.uid()) = owner);\ncreate policy "write own" on public.notes for insert with check ((select auth.uid()) = owner);',
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            'Table public.notes has policies "read own", "write own" but row level security is disabled, so they are ignored and every role with table privileges sees all rows; enable row level security on public.notes.',
        },
      ],
    );
  });

  it('points at the statement that disabled RLS again', async () => {
    await expectFindings(
      {
        '00001_a.sql':
          'create table notes (id bigint primary key);\nalter table notes enable row level security;\ncreate policy p on notes using (true);',
        '00002_b.sql': '-- maintenance\nalter table notes disable row level security;',
      },
      RULE,
      [
        {
          file: '00002_b.sql',
          line: 2,
          column: 1,
          message:
            'Table public.notes has policy "p" but row level security is disabled, so it is ignored and every role with table privileges sees all rows; enable row level security on public.notes.',
        },
      ],
    );
  });

  it('accepts RLS enabled in a later migration', async () => {
    await expectClean(
      {
        '00001_a.sql': 'create table notes (id bigint primary key);\ncreate policy p on notes using (true);',
        '00002_b.sql': 'alter table notes enable row level security;',
      },
      RULE,
    );
  });

  it('does not flag tables without policies, dropped policies or platform tables', async () => {
    await expectClean(
      {
        '00001_a.sql':
          'create table a (id int primary key);\ncreate table b (id int primary key);\ncreate policy p on b using (true);',
        '00002_b.sql':
          "drop policy p on b;\ncreate policy q on storage.objects for select using (bucket_id = 'public');",
      },
      RULE,
    );
  });

  it('skips Supabase-managed schemas', async () => {
    await expectClean(
      'create table auth.extra (id int primary key);\ncreate policy p on auth.extra using (true);',
      RULE,
    );
  });
});
