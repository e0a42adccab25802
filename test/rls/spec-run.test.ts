// RLS spec files run on both targets: cases pass and fail as written, with exact expected/actual/detail, and a run
// leaves no row behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Database } from '../../src/db/database.js';
import { type Case, loadSpecs, runSpecs } from '../../src/rls/spec/index.js';
import { TARGETS } from '../db/targets.js';
import { projectWith } from './spec-helpers.js';
import { AAL_SPEC, ORG_SPEC, OWNER_SPEC, SCHEMA, STORAGE_SPEC, TOUCHED, WRONG_SPEC } from './spec-schema.js';

/** Each case as one line: `persona operation: expected | actual`, failures marked. */
const lines = (cases: Case[]) =>
  cases.map(
    (c) => `${c.pass ? 'ok' : 'FAIL'} ${c.table} ${c.persona} ${c.operation}: ${c.expected} | ${c.actual}`,
  );

async function run(db: Database, name: string, text: string): Promise<Case[]> {
  const root = await projectWith({ [`supabase/tests/rls/${name}`]: text });
  return (await runSpecs(db, loadSpecs(root))).cases;
}

async function counts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TOUCHED)
    out[t] = (await db.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0]!.n;
  return out;
}

const RLS_DENIED = (table: string) =>
  `denied (42501 new row violates row-level security policy for table "${table}")`;

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`RLS specs on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(SCHEMA);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('passes an owner policy tested as written', async () => {
      const cases = await run(db, 'owner.yaml', OWNER_SPEC);
      expect(lines(cases)).toEqual([
        'ok public.documents alice select: row alice_doc | row alice_doc',
        'ok public.documents bob select: row bob_doc | row bob_doc',
        'ok public.documents anon select: no rows | no rows',
        'ok public.documents service_role select: 2 rows | 2 rows',
        'ok public.documents alice insert: allowed | allowed',
        `ok public.documents bob insert: denied | ${RLS_DENIED('documents')}`,
        `ok public.documents anon insert: denied | ${RLS_DENIED('documents')}`,
        'ok public.documents alice update: row alice_doc | row alice_doc',
        'ok public.documents bob update: row bob_doc | row bob_doc',
        'ok public.documents anon update: no rows | no rows',
        'ok public.documents alice delete: row alice_doc | row alice_doc',
        'ok public.documents bob delete: row bob_doc | row bob_doc',
      ]);
      expect(cases.every((c) => c.spec === 'supabase/tests/rls/owner.yaml' && c.detail === '')).toBe(true);
    });

    it('fails a spec that expects the wrong thing, naming each case and what happened', async () => {
      const cases = await run(db, 'wrong.yaml', WRONG_SPEC);
      expect(cases.map(({ spec, ...c }) => c)).toEqual([
        {
          table: 'public.documents',
          persona: 'bob',
          operation: 'select',
          expected: 'rows alice_doc, bob_doc',
          actual: 'row bob_doc',
          pass: false,
          detail: 'bob does not see alice_doc, which the spec lists',
        },
        {
          table: 'public.documents',
          persona: 'alice',
          operation: 'select',
          expected: 'no rows',
          actual: '1 row',
          pass: false,
          detail: 'alice sees 1 row (fixtures among them: alice_doc); the spec expects no rows',
        },
        {
          table: 'public.documents',
          persona: 'bob',
          operation: 'insert',
          expected: 'denied',
          actual: 'allowed',
          pass: false,
          detail: "bob's insert into public.documents was allowed; the spec says it is refused",
        },
        {
          table: 'public.documents',
          persona: 'alice',
          operation: 'insert',
          expected: 'denied',
          actual:
            'error (23514 new row for relation "documents" violates check constraint "documents_title_check")',
          pass: false,
          detail:
            'alice\'s insert into public.documents failed for a reason other than access (23514 new row for relation "documents" violates check constraint "documents_title_check"), so the case proves nothing; give values that satisfy the table\'s constraints',
        },
        {
          table: 'public.documents',
          persona: 'alice',
          operation: 'update',
          expected: 'allowed',
          actual: RLS_DENIED('documents'),
          pass: false,
          detail:
            'alice\'s update of alice_doc was refused: 42501 new row violates row-level security policy for table "documents"',
        },
        {
          table: 'public.documents',
          persona: 'anon',
          operation: 'delete',
          expected: 'some rows',
          actual: 'no rows',
          pass: false,
          detail: 'anon can delete no rows; the spec expects some rows',
        },
      ]);
    });

    it('isolates orgs through get_org_id() reading the org_id claim of each persona', async () => {
      const cases = await run(db, 'orgs.yaml', ORG_SPEC);
      expect(lines(cases)).toEqual([
        'ok public.projects alice select: row acme_site | row acme_site',
        'ok public.projects carol select: row acme_site | row acme_site',
        'ok public.projects bob select: row globex_site | row globex_site',
        'ok public.projects anon select: no rows | no rows',
        'ok public.projects alice insert: allowed | allowed',
        'ok public.projects carol insert: allowed | allowed',
        `ok public.projects alice insert: denied | ${RLS_DENIED('projects')}`,
        `ok public.projects bob update: denied | ${RLS_DENIED('projects')}`,
        'ok public.projects bob update: allowed | allowed',
        'ok public.projects alice delete: row acme_site | row acme_site',
        'ok public.projects bob delete: row globex_site | row globex_site',
      ]);
    });

    it('lets only an aal2 session through an MFA policy', async () => {
      const cases = await run(db, 'mfa.yaml', AAL_SPEC);
      expect(lines(cases)).toEqual([
        'ok public.secrets alice select: row alice_secret | row alice_secret',
        'ok public.secrets bob select: no rows | no rows',
        'ok public.secrets alice insert: allowed | allowed',
        `ok public.secrets bob insert: denied | ${RLS_DENIED('secrets')}`,
      ]);
    });

    it('tests a storage bucket with a folder per user through storage.objects', async () => {
      const cases = await run(db, 'avatars.yaml', STORAGE_SPEC);
      const bucket = 'storage.objects (avatars)';
      expect(lines(cases)).toEqual([
        `ok ${bucket} alice select: row alice_avatar | row alice_avatar`,
        `ok ${bucket} bob select: row bob_avatar | row bob_avatar`,
        `ok ${bucket} anon select: no rows | no rows`,
        `ok ${bucket} alice insert: allowed | allowed`,
        `ok ${bucket} bob insert: denied | ${RLS_DENIED('objects')}`,
        `ok ${bucket} alice update: allowed | allowed`,
        `ok ${bucket} alice update: denied | ${RLS_DENIED('objects')}`,
        `ok ${bucket} bob update: denied | denied (no row changed)`,
        `ok ${bucket} alice delete: row alice_avatar | row alice_avatar`,
        `ok ${bucket} bob delete: row bob_avatar | row bob_avatar`,
        `ok ${bucket} anon delete: no rows | no rows`,
      ]);
    });

    it('leaves no row behind, in the tables or in auth, whatever the specs did', async () => {
      const before = await counts(db);
      const root = await projectWith({
        'supabase/tests/rls/a-owner.yaml': OWNER_SPEC,
        'supabase/tests/rls/b-wrong.yaml': WRONG_SPEC,
        'supabase/tests/rls/c-orgs.yml': ORG_SPEC,
        'supabase/tests/rls/d-mfa.json': JSON.stringify(parseYaml(AAL_SPEC)),
        'supabase/tests/rls/e-avatars.yaml': STORAGE_SPEC,
      });
      const specs = loadSpecs(root);
      expect(specs.map((s) => s.file)).toEqual([
        'supabase/tests/rls/a-owner.yaml',
        'supabase/tests/rls/b-wrong.yaml',
        'supabase/tests/rls/c-orgs.yml',
        'supabase/tests/rls/d-mfa.json',
        'supabase/tests/rls/e-avatars.yaml',
      ]);
      const { cases } = await runSpecs(db, specs);
      expect(cases).toHaveLength(44);
      expect(cases.filter((c) => !c.pass).map((c) => c.spec)).toEqual(
        Array(6).fill('supabase/tests/rls/b-wrong.yaml'),
      );
      expect(await counts(db)).toEqual(before);
      expect(before['auth.users']).toBe(0);
    });

    it('leaves nothing behind when a fixture fails halfway', async () => {
      const before = await counts(db);
      const broken = `
personas: { alice: {} }
fixtures:
  - { name: acme, table: organizations, values: { name: Acme, slug: acme } }
  - { name: doc, table: documents, values: { owner_id: $alice, title: '' } }
expect:
  - { table: documents, select: { alice: [doc] } }
`;
      await expect(run(db, 'broken.yaml', broken)).rejects.toThrow(
        'supabase/tests/rls/broken.yaml: fixtures[1]: inserting into public.documents as service_role failed: 23514 new row for relation "documents" violates check constraint "documents_title_check".',
      );
      expect(await counts(db)).toEqual(before);
    });
  });
}
