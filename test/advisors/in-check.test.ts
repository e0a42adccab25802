// The catalog advisors inside `kodo check`, on both targets (PGlite and a scratch database on the real server): a
// finding the linter already reported (same rule, same object) is not reported twice; one only the catalog shows
// comes with its object and category; the inventory checks (pg_graphql's) stay out; a kodo-ignore holds for both.
import { describe, expect, it } from 'vitest';
import { type CheckFinding, checkWithLint } from '../../src/apply/check.js';
import { SERVER_URL, serverAvailable } from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';

const FILE = 'supabase/migrations/20240101000000_app.sql';

const APP = `create table public.boards (id bigint primary key, owner uuid not null);
alter table public.boards enable row level security;
create policy "own boards" on public.boards for select to authenticated using (owner = auth.uid());
create policy "all boards" on public.boards for select to authenticated using (true);
create table public.cards (id bigint primary key, board_id bigint not null references public.boards (id) on delete cascade);
create view public.board_ids as select id from public.boards;
create function public.board_count() returns bigint language sql security definer set search_path = ''
  as $$ select count(*) from public.boards $$;
do $$ begin execute 'create table public.hidden (id bigint primary key)'; end $$;
`;

const TARGETS = [
  { name: 'PGlite', db: undefined, skip: false },
  { name: 'the PostgreSQL server', db: SERVER_URL, skip: !serverAvailable },
];

const line = (f: CheckFinding) =>
  `${f.rule} ${f.file.replace('supabase/migrations/', '')}:${f.line}:${f.column}${f.object ? ` [${f.category}] ${f.object}` : ''}`;

for (const target of TARGETS) {
  describe.skipIf(target.skip)(
    `kodo check with the catalog advisors on ${target.name}`,
    { timeout: 60_000 },
    () => {
      async function check(text: string) {
        const root = await makeFiles({ [FILE]: text });
        const { result } = await checkWithLint({ root, db: target.db, cache: false });
        return result;
      }

      it('reports a rule the linter reported on an object once, and adds what only the catalog shows', async () => {
        const result = await check(APP);
        const ours = [
          'rls-disabled-in-public',
          'auth-rls-initplan',
          'multiple-permissive-policies',
          'unindexed-foreign-keys',
          'security-definer-view',
          'anon-security-definer-function-executable',
          'authenticated-security-definer-function-executable',
        ];
        expect(result.findings.filter((f) => ours.includes(f.rule)).map(line)).toEqual([
          // The linter's, each once (the catalog found the same rule on the same object).
          // auth-rls-initplan: the linter points at the call, the catalog at the policy; same policy, so once.
          'auth-rls-initplan 20240101000000_app.sql:3:88',
          'multiple-permissive-policies 20240101000000_app.sql:4:1',
          'rls-disabled-in-public 20240101000000_app.sql:5:1',
          'unindexed-foreign-keys 20240101000000_app.sql:5:76',
          'security-definer-view 20240101000000_app.sql:6:1',
          // The catalog's: a table made by dynamic SQL, which the linter cannot see, and the functions the API roles
          // may call, which no static rule checks.
          'rls-disabled-in-public :0:0 [security] public.hidden',
          'anon-security-definer-function-executable 20240101000000_app.sql:7:1 [security] public.board_count()',
          'authenticated-security-definer-function-executable 20240101000000_app.sql:7:1 [security] public.board_count()',
        ]);
        const hidden = result.findings.find((f) => f.object === 'public.hidden')!;
        expect(hidden).toEqual({
          rule: 'rls-disabled-in-public',
          severity: 'error',
          file: '',
          line: 0,
          column: 0,
          message:
            'Table public.hidden is exposed through the Data API without row level security, so anon and authenticated can read every row (and change them where granted); enable row level security and add policies.',
          help: "Enable row level security (`alter table … enable row level security`) and add policies, or revoke the API roles' privileges if the table must stay private. See https://supabase.com/docs/guides/database/database-linter?lint=0013_rls_disabled_in_public. No migration file is named: kodo's model of the migrations does not follow the statement that made this object (a foreign table, a DO block, dynamic SQL, a function such as pgmq.create(), or the seeds).",
          object: 'public.hidden',
          category: 'security',
        });
        // Inventory checks are for kodo advisors, not the gate.
        expect(result.findings.filter((f) => f.rule.startsWith('pg-graphql-'))).toEqual([]);
        expect(result.ok).toBe(false);
        expect(result.warnings).toEqual([]);
      });

      it('a kodo-ignore on the statement waives the catalog finding as it waives the linter', async () => {
        const result = await check(`-- kodo-ignore rls-disabled-in-public, sensitive-columns-exposed
create table public.settings (id bigint primary key, token text);
`);
        expect(
          result.findings.filter((f) => f.rule.endsWith('-exposed') || f.rule.startsWith('rls-')),
        ).toEqual([]);
        expect(result.ok).toBe(true);
      });
    },
  );
}
