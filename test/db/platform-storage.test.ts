// The storage shim on every target: bucket inserts and storage.foldername() policies apply unchanged and answer
// as on Supabase; the helper functions and triggers behave as storage-api's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { asUser, failure } from './platform-helpers.js';
import { TARGETS } from './targets.js';

const ALICE = '00000000-0000-4000-8000-0000000000a1';
const BOB = '00000000-0000-4000-8000-0000000000b2';

const MIGRATION = `
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('avatars', 'avatars', true, 1048576, array['image/png', 'image/jpeg']),
       ('private-docs', 'private-docs', false, null, null)
on conflict (id) do nothing;

create policy "Avatar images are publicly accessible" on storage.objects
  for select using (bucket_id = 'avatars');
create policy "Users upload into their own folder" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'private-docs' and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "Users read their own folder" on storage.objects
  for select to authenticated
  using (bucket_id = 'private-docs' and (storage.foldername(name))[1] = (select auth.uid())::text
         and storage.extension(name) in ('pdf', 'txt'));
`;

const alice = { sub: ALICE, role: 'authenticated' };

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`storage shim on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(MIGRATION);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('splits paths as storage-api does', async () => {
      const { rows } = await db.query(
        `select storage.foldername('a/b/c.txt') as f, storage.foldername('top.txt') as top,
                storage.filename('a/b/c.txt') as n, storage.extension('a/b/x.tar.gz') as e,
                storage.extension('a/b/noext') as none`,
      );
      expect(rows).toEqual([{ f: ['a', 'b'], top: [], n: 'c.txt', e: 'gz', none: 'noext' }]);
    });

    it('lets a user upload only into their own folder, and read it back', async () => {
      await asUser(
        db,
        alice,
        `insert into storage.objects (bucket_id, name, owner_id, metadata)
         values ('private-docs', '${ALICE}/tax/2025.pdf', '${ALICE}', '{"size": 1200}'),
                ('private-docs', '${ALICE}/notes.txt', '${ALICE}', '{"size": 34}')`,
      );
      const denied = await failure(() =>
        asUser(
          db,
          alice,
          `insert into storage.objects (bucket_id, name) values ('private-docs', '${BOB}/x.pdf')`,
        ),
      );
      expect(denied.code).toBe('42501');
      expect(denied.message).toBe('new row violates row-level security policy for table "objects"');
      const mine = await asUser(db, alice, 'select name, path_tokens from storage.objects order by name');
      expect(mine).toEqual([
        { name: `${ALICE}/notes.txt`, path_tokens: [ALICE, 'notes.txt'] },
        { name: `${ALICE}/tax/2025.pdf`, path_tokens: [ALICE, 'tax', '2025.pdf'] },
      ]);
      const bob = await asUser(db, { sub: BOB, role: 'authenticated' }, 'select name from storage.objects');
      expect(bob).toEqual([]);
    });

    it('checks an insert with can_insert_object without keeping the row', async () => {
      const ok = await failure(() =>
        asUser(db, alice, `select storage.can_insert_object('private-docs', '${ALICE}/a.txt', null, '{}')`),
      );
      expect(ok).toEqual({ code: 'PT200', message: 'ROLLBACK' });
      const no = await failure(() =>
        asUser(db, alice, `select storage.can_insert_object('private-docs', '${BOB}/a.txt', null, '{}')`),
      );
      expect(no.code).toBe('42501');
    });

    it('lists a folder with search() and sizes buckets with get_size_by_bucket()', async () => {
      const listing = await db.query<{ name: string; folder: boolean }>(
        `select name, id is null as folder from storage.search('${ALICE}/', 'private-docs')`,
      );
      expect(listing.rows).toEqual([
        { name: 'tax', folder: true },
        { name: 'notes.txt', folder: false },
      ]);
      const sizes = await db.query('select * from storage.get_size_by_bucket()');
      expect(sizes.rows).toEqual([{ size: '1234', bucket_id: 'private-docs' }]);
      const s3 = await db.query<{ name: string }>(
        `select name from storage.list_objects_with_delimiter('private-docs', '${ALICE}/', '/')`,
      );
      expect(s3.rows).toEqual([{ name: `${ALICE}/notes.txt` }, { name: `${ALICE}/tax/` }]);
    });

    it('refuses direct deletes and too-long bucket names, and keeps updated_at current', async () => {
      const del = await failure(() => db.exec(`delete from storage.objects where name like '%notes.txt'`));
      expect(del).toEqual({
        code: '42501',
        message: 'Direct deletion from storage tables is not allowed. Use the Storage API instead.',
      });
      await db.transaction(async (tx) => {
        await tx.exec("set local storage.allow_delete_query = 'true'");
        await tx.exec(`delete from storage.objects where name like '%notes.txt'`);
      });
      const left = await db.query<{ n: number }>('select count(*)::int as n from storage.objects');
      expect(left.rows).toEqual([{ n: 1 }]);
      const long = await failure(() =>
        db.exec(`insert into storage.buckets (id, name) values ('x', repeat('b', 101))`),
      );
      expect(long.message).toBe(`bucket name "${'b'.repeat(101)}" is too long (101 characters). Max is 100.`);
      const { rows } = await db.query<{ fresh: boolean; type: string; versioning: string }>(
        `update storage.objects o set metadata = '{"size": 1}' from storage.buckets b where b.id = o.bucket_id
         returning o.updated_at > o.created_at as fresh, b.type::text as type, b.versioning_status as versioning`,
      );
      expect(rows).toEqual([{ fresh: true, type: 'STANDARD', versioning: 'DISABLED' }]);
    });
  });
}
