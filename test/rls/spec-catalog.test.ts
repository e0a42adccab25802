// RLS specs checked against the database's catalog before any case runs: unknown tables and columns, references
// to columns a fixture's table lacks, values a column cannot take; one exact sentence each, and nothing run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { parseSpec, runSpecs } from '../../src/rls/spec/index.js';
import { TARGETS } from '../db/targets.js';
import { OWNER_SPEC, SCHEMA } from './spec-schema.js';

const FILE = 'supabase/tests/rls/docs.yaml';

const HEAD = `
personas: { alice: {} }
fixtures:
  - { name: acme, table: organizations, values: { name: Acme, slug: acme } }
`;

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`RLS specs against the catalog on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(SCHEMA);
      await db.exec('create table public.tags (doc uuid, tag text, primary key (doc, tag))');
    });
    afterAll(async () => {
      await db?.close();
    });

    /** The message running `text` fails with; a good spec before it must not have run either. */
    async function problem(text: string): Promise<string> {
      const good = parseSpec(OWNER_SPEC, 'supabase/tests/rls/a.yaml');
      const before = (await db.query<{ n: number }>('select count(*)::int as n from auth.users')).rows[0]!.n;
      try {
        await runSpecs(db, [good, parseSpec(text, FILE)]);
      } catch (e) {
        expect((await db.query<{ n: number }>('select count(*)::int as n from auth.users')).rows[0]!.n).toBe(
          before,
        );
        return (e as Error).message;
      }
      throw new Error('the spec ran');
    }

    it('refuses a table the database does not have', async () => {
      expect(await problem(`${HEAD}expect:\n  - { table: documnts, select: { alice: 0 } }\n`)).toBe(
        `${FILE}: expect[0].table: the database has no table public.documnts; check the name or apply the migration that creates it.`,
      );
      expect(
        await problem(
          `${HEAD}  - { table: app.documents }\nexpect:\n  - { table: documents, select: { alice: 0 } }\n`,
        ),
      ).toBe(
        `${FILE}: fixtures[1].table: the database has no table app.documents; check the name or apply the migration that creates it.`,
      );
    });

    it('refuses a column the table does not have, or cannot be written', async () => {
      expect(
        await problem(`personas: { alice: {} }
fixtures:
  - { table: documents, values: { owner_id: $alice, titel: A } }
expect:\n  - { table: documents, select: { alice: 0 } }\n`),
      ).toBe(`${FILE}: fixtures[0].values.titel: public.documents has no column titel.`);
      expect(
        await problem(`${HEAD}expect:
  - table: organizations
    update: [{ as: alice, row: acme, set: { nme: x }, allow: false }]\n`),
      ).toBe(`${FILE}: expect[0].update[0].set.nme: public.organizations has no column nme.`);
      expect(
        await problem(`${HEAD}expect:
  - { table: organizations, insert: [{ as: alice, values: { name: { a: 1 } }, allow: false }] }\n`),
      ).toBe(`${FILE}: expect[0].insert[0].values.name: expected a single value for name (text).`);
    });

    it('refuses a reference to a column the fixture does not have, or to a key it does not have', async () => {
      expect(
        await problem(`${HEAD}  - { table: documents, values: { owner_id: $alice, title: $acme.slugg } }
expect:\n  - { table: documents, select: { alice: 0 } }\n`),
      ).toBe(`${FILE}: fixtures[1].values.title: $acme.slugg: public.organizations has no column slugg.`);
      expect(
        await problem(`personas: { alice: { app_metadata: { tag: $t } } }
fixtures:
  - { name: t, table: tags, values: { tag: x } }
expect:\n  - { table: tags, select: { alice: 0 } }\n`),
      ).toBe(
        `${FILE}: personas.alice.app_metadata.tag: $t: public.tags has no single-column primary key, so name a column, as in $t.<column>.`,
      );
    });
  });
}
