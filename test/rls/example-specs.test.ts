// examples/hybrid-saas's RLS spec files (supabase/tests/rls) run against the example's own migrations on both
// targets: every case passes, and the run leaves every table as it found it (auth.users included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppliedState } from '../../src/apply/applied-state.js';
import { replay } from '../../src/apply/replay.js';
import type { Database } from '../../src/db/database.js';
import { projectOf } from '../../src/project/project.js';
import { type Case, loadSpecs, runSpecs } from '../../src/rls/spec/index.js';
import { TARGETS } from '../db/targets.js';
import { copyExample } from '../helpers/temp.js';

/** Cases per spec file, in the order loadSpecs reads them (sorted by name). */
const CASES = {
  'supabase/tests/rls/admins.yaml': 13,
  'supabase/tests/rls/avatars.yaml': 13,
  'supabase/tests/rls/memberships.yaml': 12,
  'supabase/tests/rls/org-isolation.yaml': 24,
  'supabase/tests/rls/own-rows.yaml': 12,
  'supabase/tests/rls/partner-documents.yaml': 9,
};

/** The rows of every table of the schemas a run writes to, by name. */
async function counts(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'auth', 'storage') and c.relkind in ('r', 'p') order by 1`,
  );
  const out: Record<string, number> = {};
  for (const { name } of rows)
    out[name] = (await db.query<{ n: number }>(`select count(*)::int as n from ${name}`)).rows[0]!.n;
  return out;
}

const failures = (cases: Case[]) =>
  cases.filter((c) => !c.pass).map((c) => `${c.spec} ${c.table} ${c.persona} ${c.operation}: ${c.detail}`);

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`examples/hybrid-saas RLS specs on ${target.name}`, () => {
    let root: string;
    let db: Database;
    let close: () => Promise<void>;
    beforeAll(async () => {
      root = await copyExample();
      const project = projectOf(root);
      if (target.engine === 'pglite') {
        // What `kodo rls test` reads by default: the migrations replayed on a throwaway embedded database.
        const state = await openAppliedState(project, { cache: false });
        ({ db, close } = state);
      } else {
        // A scratch database on the server with the same migrations replayed into it.
        db = await target.open();
        const run = await replay(project.migrations(), {
          root,
          env: process.env,
          start: { db, prefix: 0, warnings: [] },
        });
        expect(run.failure).toBeNull();
        close = () => db.close();
      }
    }, 120_000);
    afterAll(async () => {
      await close?.();
    });

    it('passes every case of every spec, and leaves every table as it was', async () => {
      const specs = loadSpecs(root);
      expect(specs.map((s) => s.file)).toEqual(Object.keys(CASES));
      const before = await counts(db);
      const { cases } = await runSpecs(db, specs);
      expect(failures(cases)).toEqual([]);
      const per: Record<string, number> = {};
      for (const c of cases) per[c.spec] = (per[c.spec] ?? 0) + 1;
      expect(per).toEqual(CASES);
      expect(cases).toHaveLength(83);
      expect(await counts(db)).toEqual(before);
      // The replay leaves no user and one bucket (00401's avatars); the specs added none that stayed.
      expect(before['auth.users']).toBe(0);
      expect(before['storage.buckets']).toBe(1);
      expect(Object.keys(before)).toContain('public.partner_documents');
    }, 120_000);

    it('fails the avatars spec once a policy forgets the folder check', async () => {
      // A second read policy without the folder check: policies are OR-ed, so every user now lists every file.
      await db.exec(`create policy avatars_select_leak on storage.objects for select to authenticated
        using (bucket_id = 'avatars')`);
      try {
        const { cases } = await runSpecs(db, loadSpecs(root, ['supabase/tests/rls/avatars.yaml']));
        expect(failures(cases)).toEqual([
          'supabase/tests/rls/avatars.yaml storage.objects (avatars) alice select: alice sees bob_avatar, which the spec does not list',
          'supabase/tests/rls/avatars.yaml storage.objects (avatars) bob select: bob sees alice_avatar, which the spec does not list',
        ]);
      } finally {
        await db.exec('drop policy avatars_select_leak on storage.objects');
      }
    });
  });
}
