import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'rls-policy-always-true';
const TABLE =
  'create table public.comments (id bigint primary key, author uuid, body text);\nalter table public.comments enable row level security;\n';

describe(RULE, () => {
  it('flags an update policy using (true)', async () => {
    await expectFindings(
      `${TABLE}create policy "anyone edits" on public.comments for update to authenticated using (true) with check ((select auth.uid()) = author);`,
      RULE,
      [
        {
          line: 3,
          column: 1,
          message:
            'Policy "anyone edits" on public.comments lets authenticated update any row because its USING is always true, which bypasses row level security; write a condition on the row such as (select auth.uid()) = user_id.',
        },
      ],
    );
  });

  it('flags insert with check (true), a missing WITH CHECK on insert, 1 = 1 and a delete without USING', async () => {
    await expectFindings(
      `${TABLE}create policy a on public.comments for insert to anon with check (true);
create policy b on public.comments for insert;
create policy c on public.comments for all to anon, authenticated using (1 = 1);
create policy d on public.comments for delete to authenticated using ((true));`,
      RULE,
      [
        {
          line: 3,
          column: 1,
          message:
            'Policy "a" on public.comments lets anon insert any row because its WITH CHECK is always true, which bypasses row level security; write a condition on the row such as (select auth.uid()) = user_id.',
        },
        {
          line: 4,
          column: 1,
          message:
            'Policy "b" on public.comments lets every role insert any row because it has no WITH CHECK, which bypasses row level security; write a condition on the row such as (select auth.uid()) = user_id.',
        },
        {
          line: 5,
          column: 1,
          message:
            'Policy "c" on public.comments lets anon, authenticated read and write any row because its USING is always true and it has no WITH CHECK, which bypasses row level security; write a condition on the row such as (select auth.uid()) = user_id.',
        },
        { line: 6, column: 1 },
      ],
    );
  });

  it('points at an ALTER POLICY that opened a policy up', async () => {
    await expectFindings(
      {
        '00001_a.sql': `${TABLE}create policy p on public.comments for delete to authenticated using ((select auth.uid()) = author);`,
        '00002_b.sql': 'alter policy p on public.comments using (true);',
      },
      RULE,
      [{ file: '00002_b.sql', line: 1, column: 1 }],
    );
  });

  it('accepts SELECT using (true), restrictive policies and service_role policies', async () => {
    await expectClean(
      `${TABLE}create policy r on public.comments for select using (true);
create policy s on public.comments as restrictive for update to authenticated using (true);
create policy t on public.comments for all to service_role using (true) with check (true);`,
      RULE,
    );
  });

  it('accepts real conditions, tables without RLS and managed schemas', async () => {
    await expectClean(
      `${TABLE}create policy w on public.comments for update to authenticated
  using ((select auth.uid()) = author) with check ((select auth.uid()) = author);
create policy i on public.comments for insert to authenticated with check ((select auth.uid()) = author);
create table public.open (id int primary key);
create policy o on public.open for update using (true);
create policy st on storage.objects for update to authenticated using (true);`,
      RULE,
    );
  });
});
