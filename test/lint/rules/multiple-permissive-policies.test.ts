import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'multiple-permissive-policies';
const TABLE =
  'create table public.posts (id bigint primary key, author uuid, published boolean);\nalter table public.posts enable row level security;\n';

describe(RULE, () => {
  it('flags two select policies for authenticated, at the second one', async () => {
    await expectFindings(
      `${TABLE}create policy a on public.posts for select to authenticated using (published);\ncreate policy b on public.posts for select to authenticated using ((select auth.uid()) = author);`,
      RULE,
      [
        {
          line: 4,
          column: 1,
          message:
            'Table public.posts has 2 permissive policies ("a", "b") for authenticated on SELECT, and Postgres evaluates every one of them for each row; merge them into one policy.',
        },
      ],
    );
  });

  it('expands FOR ALL and PUBLIC into commands and API roles', async () => {
    await expectFindings(
      `${TABLE}create policy everything on public.posts using ((select auth.uid()) = author);\ncreate policy reads on public.posts for select to anon, authenticated using (published);`,
      RULE,
      [
        {
          line: 4,
          column: 1,
          message:
            'Table public.posts has 2 permissive policies ("everything", "reads") for anon and authenticated on SELECT, and Postgres evaluates every one of them for each row; merge them into one policy.',
        },
      ],
    );
  });

  it('reports each distinct overlap once, across migrations', async () => {
    await expectFindings(
      {
        '00001_a.sql': `${TABLE}create policy w1 on public.posts for update to authenticated using (true);\ncreate policy w2 on public.posts for all to authenticated using (true);`,
        '00002_b.sql': 'create policy r on public.posts for select to authenticated using (published);',
      },
      RULE,
      [
        {
          file: '00001_a.sql',
          line: 4,
          column: 1,
          message:
            'Table public.posts has 2 permissive policies ("w1", "w2") for authenticated on UPDATE, and Postgres evaluates every one of them for each row; merge them into one policy.',
        },
        {
          file: '00002_b.sql',
          line: 1,
          column: 1,
          message:
            'Table public.posts has 2 permissive policies ("w2", "r") for authenticated on SELECT, and Postgres evaluates every one of them for each row; merge them into one policy.',
        },
      ],
    );
  });

  it('ignores restrictive policies, roles that bypass RLS and different commands or roles', async () => {
    await expectClean(
      `${TABLE}create policy a on public.posts for select to authenticated using (published);
create policy b on public.posts as restrictive for select to authenticated using ((select auth.uid()) is not null);
create policy c on public.posts for select to service_role using (true);
create policy d on public.posts for all to service_role using (true);
create policy e on public.posts for insert to authenticated with check ((select auth.uid()) = author);
create policy f on public.posts for select to anon using (published);`,
      RULE,
    );
  });

  it('does not flag after a policy is dropped, or on tables without RLS', async () => {
    await expectClean(
      {
        '00001_a.sql': `${TABLE}create policy a on public.posts for select using (published);\ncreate policy b on public.posts for select using (true);\ncreate table public.drafts (id int primary key);\ncreate policy x on public.drafts using (true);\ncreate policy y on public.drafts using (true);`,
        '00002_b.sql': 'drop policy b on public.posts;',
      },
      RULE,
    );
  });
});
