// The example in docs/rls-specs.md runs as written on both targets, on the schema it describes: a note is its
// author's, a shared one (a boolean, which PGlite's own serializer would refuse as text) also its organization's.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { parseSpec, runSpecs } from '../../src/rls/spec/index.js';
import { TARGETS } from '../db/targets.js';
import { REPO_ROOT } from '../helpers/cli.js';

const SCHEMA = `
create table public.organizations (id uuid primary key default gen_random_uuid(), name text not null);
create table public.notes (
  id uuid primary key default gen_random_uuid(),
  author_id uuid not null references auth.users (id),
  org_id uuid references public.organizations (id),
  body text not null,
  shared boolean not null default false
);
alter table public.notes enable row level security;
create policy notes_read on public.notes for select to authenticated
  using (author_id = auth.uid() or (shared and org_id = (auth.jwt() ->> 'org_id')::uuid));
create policy notes_insert on public.notes for insert to authenticated with check (author_id = auth.uid());
create policy notes_update on public.notes for update to authenticated
  using (author_id = auth.uid()) with check (author_id = auth.uid());
create policy notes_delete on public.notes for delete to authenticated using (author_id = auth.uid());
`;

/** The first yaml block of the page. */
const EXAMPLE = fs
  .readFileSync(path.join(REPO_ROOT, 'docs', 'rls-specs.md'), 'utf8')
  .split('```yaml\n')[1]!
  .split('```')[0]!;

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`the docs/rls-specs.md example on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(SCHEMA);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('passes every case', async () => {
      const { cases } = await runSpecs(db, [parseSpec(EXAMPLE, 'supabase/tests/rls/notes.yaml')]);
      expect(
        cases.map((c) => `${c.pass ? 'ok' : 'FAIL'} ${c.table} ${c.persona} ${c.operation}: ${c.actual}`),
      ).toEqual([
        'ok public.notes ann select: rows ann_note, ann_shared',
        'ok public.notes ben select: row ann_shared',
        'ok public.notes eve select: no rows',
        'ok public.notes anon select: no rows',
        'ok public.notes ann insert: allowed',
        'ok public.notes ben insert: denied (42501 new row violates row-level security policy for table "notes")',
        'ok public.notes anon insert: denied (42501 new row violates row-level security policy for table "notes")',
        'ok public.notes ann update: allowed',
        'ok public.notes ann update: denied (42501 new row violates row-level security policy for table "notes")',
        'ok public.notes ann delete: rows ann_note, ann_shared',
        'ok public.notes ben delete: no rows',
        'ok storage.objects (attachments) ann select: no rows',
      ]);
    });
  });
}
