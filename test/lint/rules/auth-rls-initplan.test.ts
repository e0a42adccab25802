import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'auth-rls-initplan';
const TABLE =
  'create table public.notes (id bigint primary key, owner uuid not null, org text);\nalter table public.notes enable row level security;\n';

describe(RULE, () => {
  it('flags auth.uid() called directly, at the call', async () => {
    await expectFindings(
      `${TABLE}create policy "own notes" on public.notes for select to authenticated\n  using (auth.uid() = owner);`,
      RULE,
      [
        {
          line: 4,
          column: 10,
          message:
            'Policy "own notes" on public.notes calls auth.uid() once per row; write (select auth.uid()) so Postgres evaluates it once per query.',
        },
      ],
    );
  });

  it('flags each unwrapped call in USING and WITH CHECK, including current_setting()', async () => {
    await expectFindings(
      `${TABLE}create policy p on public.notes for update to authenticated
  using (owner = auth.uid() and org = auth.jwt() ->> 'org')
  with check (org = current_setting('request.jwt.claims', true)::jsonb ->> 'org');`,
      RULE,
      [
        { line: 4, column: 18 },
        { line: 4, column: 39 },
        {
          line: 5,
          column: 21,
          message:
            'Policy "p" on public.notes calls current_setting() once per row; write (select current_setting(…)) so Postgres evaluates it once per query.',
        },
      ],
    );
  });

  it('flags a call in the WHERE of a subquery, which runs once per scanned row', async () => {
    await expectFindings(
      `create table public.members (org text, user_id uuid);\n${TABLE}create policy p on public.notes for select to authenticated
  using (exists (select 1 from public.members m where m.org = notes.org and m.user_id = auth.uid()));`,
      RULE,
      [{ line: 5, column: 89 }],
    );
  });

  it('points at the expression an ALTER POLICY wrote', async () => {
    await expectFindings(
      {
        '00001_a.sql': `${TABLE}create policy p on public.notes using ((select auth.uid()) = owner);`,
        '00002_b.sql': "alter policy p on public.notes\n  using (auth.role() = 'authenticated');",
      },
      RULE,
      [{ file: '00002_b.sql', line: 2, column: 10 }],
    );
  });

  it('points at the CREATE POLICY when an ALTER POLICY only changes the roles', async () => {
    await expectFindings(
      {
        '00001_a.sql': `${TABLE}create policy p on public.notes using (auth.uid() = owner);`,
        '00002_b.sql': 'alter policy p on public.notes to authenticated;',
      },
      RULE,
      [{ file: '00001_a.sql', line: 3, column: 40 }],
    );
  });

  it('flags policies the migrations write on storage.objects', async () => {
    await expectFindings(
      'create policy "own files" on storage.objects for select to authenticated\n  using (bucket_id = \'avatars\' and auth.uid() = owner);',
      RULE,
      [{ line: 2, column: 36 }],
    );
  });

  it('accepts calls wrapped in a scalar subquery', async () => {
    await expectClean(
      `${TABLE}create policy p on public.notes for all to authenticated
  using ((select auth.uid()) = owner and org = (select auth.jwt() ->> 'org'))
  with check (org = (select current_setting('request.jwt.claims', true)::jsonb ->> 'org'));`,
      RULE,
    );
  });

  it('accepts wrapped calls inside subqueries and function arguments', async () => {
    await expectClean(
      `create table public.members (org text, user_id uuid);\n${TABLE}create policy p on public.notes for select to authenticated
  using (exists (select 1 from public.members m where m.user_id = (select auth.uid()))
    and org = (select coalesce(auth.jwt() ->> 'org', '')));`,
      RULE,
    );
  });

  it('does not flag policies of a table whose RLS is disabled (policy-exists-rls-disabled reports it)', async () => {
    await expectClean(
      'create table public.notes (id bigint primary key, owner uuid);\ncreate policy p on public.notes using (auth.uid() = owner);',
      RULE,
    );
  });

  it('does not flag a dropped policy or one replaced by a wrapped version', async () => {
    await expectClean(
      {
        '00001_a.sql': `${TABLE}create policy p on public.notes using (auth.uid() = owner);\ncreate policy q on public.notes using (auth.uid() = owner);`,
        '00002_b.sql':
          'drop policy p on public.notes;\nalter policy q on public.notes using ((select auth.uid()) = owner);',
      },
      RULE,
    );
  });
});
