import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'rls-references-user-metadata';
const TABLE =
  'create table public.reports (id bigint primary key, owner uuid);\nalter table public.reports enable row level security;\n';

describe(RULE, () => {
  it("flags auth.jwt() -> 'user_metadata', at the key", async () => {
    await expectFindings(
      `${TABLE}create policy admins on public.reports for select to authenticated\n  using ((select auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');`,
      RULE,
      [
        {
          line: 4,
          column: 32,
          message:
            'Policy "admins" on public.reports trusts user_metadata from the JWT, which every user can edit for themselves; base the check on app_metadata or on a table users cannot write.',
        },
      ],
    );
  });

  it('flags JSON paths, request.jwt.claims and jsonb_extract_path in USING and WITH CHECK', async () => {
    await expectFindings(
      `${TABLE}create policy p on public.reports for all to authenticated
  using (auth.jwt() #>> '{user_metadata,role}' = 'admin')
  with check (jsonb_extract_path_text(current_setting('request.jwt.claims', true)::jsonb, 'user_metadata', 'role') = 'admin');`,
      RULE,
      [
        { line: 4, column: 25 },
        { line: 5, column: 91 },
      ],
    );
  });

  it('flags auth.users.raw_user_meta_data read in a policy subquery', async () => {
    await expectFindings(
      `${TABLE}create policy p on public.reports for select to authenticated
  using ((select u.raw_user_meta_data ->> 'role' from auth.users u where u.id = (select auth.uid())) = 'admin');`,
      RULE,
      [
        {
          line: 4,
          column: 18,
          message:
            'Policy "p" on public.reports trusts auth.users.raw_user_meta_data, which every user can edit for themselves; base the check on app_metadata or on a table users cannot write.',
        },
      ],
    );
  });

  it('flags policies on storage.objects and tables without RLS', async () => {
    await expectFindings(
      {
        '00001_a.sql':
          "create policy p on storage.objects for select\n  using (auth.jwt() -> 'user_metadata' ->> 'bucket' = bucket_id);",
        '00002_b.sql':
          "create table public.t (id int primary key);\ncreate policy q on public.t using ((auth.jwt())['user_metadata']['role'] = '\"admin\"');",
      },
      RULE,
      [
        { file: '00001_a.sql', line: 2, column: 24 },
        { file: '00002_b.sql', line: 2, column: 49 },
      ],
    );
  });

  it('accepts app_metadata and user_metadata read from somewhere other than the JWT', async () => {
    await expectClean(
      `${TABLE}create table public.prefs (user_metadata jsonb);
create policy p on public.reports for select to authenticated
  using ((select auth.jwt() -> 'app_metadata' ->> 'role') = 'admin'
    or exists (select 1 from public.prefs where prefs.user_metadata ->> 'x' = 'user_metadata'));`,
      RULE,
    );
  });

  it('does not flag a policy that was dropped or rewritten', async () => {
    await expectClean(
      {
        '00001_a.sql': `${TABLE}create policy p on public.reports using (auth.jwt() -> 'user_metadata' ->> 'r' = 'a');\ncreate policy q on public.reports using (auth.jwt() -> 'user_metadata' ->> 'r' = 'a');`,
        '00002_b.sql':
          "drop policy p on public.reports;\nalter policy q on public.reports using (auth.jwt() -> 'app_metadata' ->> 'r' = 'a');",
      },
      RULE,
    );
  });
});
