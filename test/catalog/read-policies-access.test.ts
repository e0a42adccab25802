// readPolicies and readAccess on every target, and the readers' independence from the caller's search_path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAccess, readPolicies, readTable, readTables } from '../../src/catalog/index.js';
import type { Privileges } from '../../src/catalog/types.js';
import type { Database } from '../../src/db/database.js';
import { TARGETS } from '../db/targets.js';
import { CATALOG_SCHEMA, DROP_CATALOG_ROLE } from './fixture.js';

const privileges = (letters: string): Privileges => ({
  select: letters.includes('s'),
  insert: letters.includes('i'),
  update: letters.includes('u'),
  delete: letters.includes('d'),
});

const IN_MEMBER_ORGS =
  '(org_id IN ( SELECT members.org_id\n   FROM public.members\n  WHERE (members.user_id = auth.uid())))';

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`readPolicies and readAccess on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(CATALOG_SCHEMA);
    });
    afterAll(async () => {
      await db?.exec(DROP_CATALOG_ROLE);
      await db?.close();
    });

    it('reads every policy with its roles, command, kind and expressions', async () => {
      expect(await readPolicies(db, ['public', 'private'])).toEqual([
        {
          schema: 'public',
          table: 'members',
          name: 'anyone',
          command: 'ALL',
          permissive: true,
          roles: ['public'],
          using: 'true',
          withCheck: null,
        },
        {
          schema: 'public',
          table: 'members',
          name: 'edit own',
          command: 'UPDATE',
          permissive: true,
          roles: ['authenticated'],
          using: '(user_id = auth.uid())',
          withCheck: '(user_id = auth.uid())',
        },
        {
          schema: 'public',
          table: 'members',
          name: 'no deletes',
          command: 'DELETE',
          permissive: true,
          roles: ['service_role'],
          using: 'false',
          withCheck: null,
        },
        {
          schema: 'public',
          table: 'tasks',
          name: 'admins write',
          command: 'INSERT',
          permissive: false,
          roles: ['authenticated'],
          using: null,
          withCheck: "(status = 'todo'::public.task_status)",
        },
        {
          schema: 'public',
          table: 'tasks',
          name: 'members read tasks',
          command: 'SELECT',
          permissive: true,
          roles: ['anon', 'authenticated'],
          using: IN_MEMBER_ORGS,
          withCheck: null,
        },
      ]);
      expect(await readPolicies(db, ['private'])).toEqual([]);
    });

    it('reads anon and authenticated privileges: grants, revokes, PUBLIC and memberships', async () => {
      const access = await readAccess(db, ['public', 'private']);
      expect(access.map((a) => `${a.schema}.${a.name}`)).toEqual([
        'private.secrets',
        'public.events',
        'public.members',
        'public.open_tasks',
        'public.organizations',
        'public.task_counts',
        'public.tasks',
      ]);
      const of = (name: string) => access.find((a) => `${a.schema}.${a.name}` === name)!;
      // Supabase's default privileges on public; nothing on a schema of one's own.
      expect(of('public.tasks')).toEqual({
        schema: 'public',
        name: 'tasks',
        anon: privileges('siud'),
        authenticated: privileges('siud'),
      });
      expect([of('private.secrets').anon, of('private.secrets').authenticated]).toEqual([
        privileges(''),
        privileges(''),
      ]);
      // revoke all, then select to authenticated only.
      expect([of('public.organizations').anon, of('public.organizations').authenticated]).toEqual([
        privileges(''),
        privileges('s'),
      ]);
      // select through PUBLIC for both, insert and update through a role anon is a member of.
      expect([of('public.members').anon, of('public.members').authenticated]).toEqual([
        privileges('siu'),
        privileges('s'),
      ]);
    });

    it('names types and relations with their schema whatever the search_path, and leaves it as it was', async () => {
      const searchPath = async (q: { query: Database['query'] }) =>
        (await q.query<{ p: string }>(`select current_setting('search_path') as p`)).rows[0]!.p;
      await db.transaction(async (tx) => {
        await tx.query(`select set_config('search_path', 'public, auth', true)`);
        const tasks = (await readTable(tx, 'public', 'tasks'))!;
        expect(tasks.columns.find((c) => c.name === 'status')?.default).toBe("'todo'::public.task_status");
        const policies = await readPolicies(tx, ['public']);
        expect(policies.find((p) => p.name === 'members read tasks')?.using).toBe(IN_MEMBER_ORGS);
        expect(await searchPath(tx)).toBe('public, auth');
      });
    });

    it('reads correctly when the readers are started together on one transaction', async () => {
      await db.transaction(async (tx) => {
        await tx.query(`select set_config('search_path', 'public', true)`);
        const [tables, access, policies] = await Promise.all([
          readTables(tx, ['public']),
          readAccess(tx, ['public']),
          readPolicies(tx, ['public']),
        ]);
        const tasks = tables.find((t) => t.name === 'tasks')!;
        expect(tasks.columns.find((c) => c.name === 'status')?.type).toBe('public.task_status');
        expect(access).toHaveLength(6);
        expect(policies.find((p) => p.name === 'admins write')?.withCheck).toBe(
          "(status = 'todo'::public.task_status)",
        );
      });
    });
  });
}
