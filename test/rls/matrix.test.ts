// The automatic isolation matrix on PGlite and the real PostgreSQL server: a correct owner table passes, each
// planted leak is caught with the policy that allowed it, an ownerless table is not proven, and nothing stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { type MatrixResult, runMatrix } from '../../src/rls/matrix/run.js';
import { loadParser } from '../../src/sql/parse.js';
import { TARGETS } from '../db/targets.js';
import { PLANTED_LEAKS, PLANTED_SQL } from './fixtures/planted.js';

const COUNT_ROWS = `select (select count(*) from auth.users) as users, (select count(*) from auth.sessions) as sessions,
  (select count(*) from public.notes) + (select count(*) from public.posts) + (select count(*) from public.members)
  + (select count(*) from public.projects) + (select count(*) from public.profiles) as rows,
  (select count(*) from storage.objects) as objects`;

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`isolation matrix on ${target.name}`, () => {
    let db: Database;
    let result: MatrixResult;
    let before: unknown;

    beforeAll(async () => {
      await loadParser();
      db = await target.open();
      await db.exec(PLANTED_SQL);
      before = (await db.query(COUNT_ROWS)).rows[0];
      result = await runMatrix(db, { schemas: ['public'] });
    }, 120_000);
    afterAll(async () => db?.close());

    it('reports exactly the planted leaks, each with the policy that allowed it', () => {
      const leaks = result.leaks.map((l) => [l.table, l.persona, l.operation, l.policy]);
      expect(leaks.sort()).toEqual([...PLANTED_LEAKS].sort());
    });

    it('passes the table whose policies tie every operation to the owner', () => {
      const notes = result.cells.filter((c) => c.table === 'public.notes');
      expect(notes.map((c) => [c.persona, c.operation, c.own, c.others])).toEqual([
        ['authenticated', 'select', true, false],
        ['authenticated', 'insert', true, false],
        ['authenticated', 'update', true, false],
        ['authenticated', 'delete', true, false],
        ['anon', 'select', null, false],
        ['anon', 'insert', null, false],
        ['anon', 'update', null, false],
        ['anon', 'delete', null, false],
      ]);
    });

    it('says how a leak happened', () => {
      const tasks = result.leaks.find((l) => l.table === 'public.tasks');
      expect(tasks?.detail).toBe('moved its own row to the other owner by setting user_id');
      const profiles = result.leaks.find((l) => l.table === 'public.profiles');
      expect(profiles?.detail).toBe('moved its own row to the other owner by setting org_id');
      const posts = result.leaks.find((l) => l.table === 'public.posts');
      expect(posts?.detail).toBe("read the other owner's row");
      const secrets = result.leaks.find((l) => l.table === 'public.secrets');
      expect(secrets?.detail).toMatch(
        /^row level security is disabled, so anon can select, insert, update, delete every row/,
      );
    });

    it('lists a table without an owner as not proven, and checks the org lookup and the folder policy', () => {
      expect(result.unproven.map((u) => u.table)).toEqual(['public.countries']);
      expect(result.unproven[0]?.reason).toMatch(/^no owner found/);
      const reports = result.cells.find((c) => c.table === 'public.reports' && c.operation === 'select');
      expect([reports?.own, reports?.others]).toEqual([true, false]);
      const privateBucket = result.cells.find(
        (c) => c.table === 'storage.objects:private' && c.operation === 'select',
      );
      expect([privateBucket?.persona, privateBucket?.own, privateBucket?.others]).toEqual([
        'authenticated',
        true,
        false,
      ]);
    });

    it('leaves nothing behind', async () => {
      expect((await db.query(COUNT_ROWS)).rows[0]).toEqual(before);
    });
  });
}
