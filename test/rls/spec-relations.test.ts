// RLS specs on relations other than a plain table, and on roles a database may lack: a partitioned table (whose
// partitions reuse ctids, so rows are pinned by tableoid and ctid), a view tested without fixtures of its own,
// fixtures refused on a view, and a persona whose role does not exist, refused before anything runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { type Case, parseSpec, runSpecs } from '../../src/rls/spec/index.js';
import { TARGETS } from '../db/targets.js';
import { SCHEMA } from './spec-schema.js';

const FILE = 'supabase/tests/rls/relations.yaml';

// Two partitions: the first row of each sits at ctid (0,1), so a ctid alone would name both.
const RELATIONS = `
create table public.events (
  id bigint generated always as identity,
  owner_id uuid not null references auth.users (id),
  day date not null,
  primary key (id, day)
) partition by range (day);
create table public.events_jan partition of public.events for values from ('2026-01-01') to ('2026-02-01');
create table public.events_feb partition of public.events for values from ('2026-02-01') to ('2026-03-01');
alter table public.events enable row level security;
create policy events_own on public.events for all to authenticated
  using (owner_id = auth.uid()) with check (owner_id = auth.uid());

create view public.my_documents with (security_invoker = true) as select id, title from public.documents;
`;

const SPEC = `
personas: { alice: {}, bob: {} }
fixtures:
  - { name: alice_jan, table: events, values: { owner_id: $alice, day: 2026-01-10 } }
  - { name: bob_feb, table: events, values: { owner_id: $bob, day: 2026-02-10 } }
  - { name: alice_doc, table: documents, values: { owner_id: $alice, title: A } }
  - { name: bob_doc, table: documents, values: { owner_id: $bob, title: B } }
  - { table: documents, values: { owner_id: $bob, title: C } }
expect:
  - table: events
    select: { alice: [alice_jan], bob: [bob_feb] }
    update: { alice: [alice_jan] }
    delete:
      - { as: bob, row: alice_jan, allow: false }
      - { as: alice, row: alice_jan, allow: true }
  - table: my_documents
    select: { alice: 1, bob: 2, service_role: 3 }
    update: { bob: 0 }
`;

const lines = (cases: Case[]) =>
  cases.map(
    (c) => `${c.pass ? 'ok' : 'FAIL'} ${c.table} ${c.persona} ${c.operation}: ${c.expected} | ${c.actual}`,
  );

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`RLS specs on partitions, views and roles on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(SCHEMA);
      await db.exec(RELATIONS);
    });
    afterAll(async () => {
      await db?.close();
    });

    async function problem(text: string): Promise<string> {
      try {
        await runSpecs(db, [parseSpec(text, FILE)]);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('the spec ran');
    }

    it('tells rows of two partitions apart, and selects from a view with no fixtures of its own', async () => {
      const { cases } = await runSpecs(db, [parseSpec(SPEC, FILE)]);
      expect(lines(cases)).toEqual([
        'ok public.events alice select: row alice_jan | row alice_jan',
        'ok public.events bob select: row bob_feb | row bob_feb',
        'ok public.events alice update: row alice_jan | row alice_jan',
        'ok public.events bob delete: denied | denied (no row changed)',
        'ok public.events alice delete: allowed | allowed',
        'ok public.my_documents alice select: 1 row | 1 row',
        'ok public.my_documents bob select: 2 rows | 2 rows',
        'ok public.my_documents service_role select: 3 rows | 3 rows',
        'ok public.my_documents bob update: no rows | no rows',
      ]);
      expect((await db.query<{ n: number }>('select count(*)::int as n from public.events')).rows[0]!.n).toBe(
        0,
      );
    });

    it('refuses a fixture written into a view', async () => {
      expect(
        await problem(`personas: { alice: {} }
fixtures:
  - { table: my_documents, values: { title: A } }
expect:\n  - { table: my_documents, select: { alice: 0 } }\n`),
      ).toBe(
        `${FILE}: fixtures[0].table: public.my_documents is a view; insert fixtures into the tables behind it.`,
      );
    });

    it('refuses a persona whose role the database does not have, before anything runs', async () => {
      const users = async () =>
        (await db.query<{ n: number }>('select count(*)::int as n from auth.users')).rows[0]!.n;
      const before = await users();
      expect(
        await problem(`personas: { alice: {}, eve: { role: auditor } }
fixtures:
  - { name: doc, table: documents, values: { owner_id: $alice, title: A } }
expect:
  - table: documents
    select: { alice: [doc] }
    delete: [{ as: eve, row: doc, allow: false }]
`),
      ).toBe(
        `${FILE}: expect[0].delete[0]: the database has no role auditor, so eve (role auditor) cannot act there.`,
      );
      expect(await users()).toBe(before);
    });
  });
}
