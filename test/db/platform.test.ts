// The Supabase platform shim and the Database interface, on every target: the same behaviour on PGlite and Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { toDatabaseError } from '../../src/db/errors.js';
import { ensureSupabaseShim } from '../../src/db/shim/index.js';
import { TARGETS } from './targets.js';

const ALICE = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';

/** Runs `sql` as a signed-in user, the way PostgREST does it. */
async function asUser<T>(db: Database, sub: string, sql: string): Promise<T[]> {
  return db.transaction(async (tx) => {
    const claims = JSON.stringify({ sub, role: 'authenticated', email: `${sub.slice(-1)}@example.com` });
    await tx.query("select set_config('request.jwt.claims', $1, true)", [claims]);
    await tx.exec('set local role authenticated');
    return (await tx.query<T>(sql)).rows;
  });
}

// What `supabase db dump` writes at the top of a baseline migration, unchanged.
const BASELINE = `
SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;
COMMENT ON SCHEMA "public" IS 'standard public schema';
CREATE EXTENSION IF NOT EXISTS "pgcrypto" WITH SCHEMA "extensions";
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA "extensions";
CREATE SCHEMA IF NOT EXISTS "public";
ALTER SCHEMA "public" OWNER TO "pg_database_owner";
CREATE OR REPLACE FUNCTION "public"."handle_new_user"() RETURNS "trigger"
    LANGUAGE "plpgsql" SECURITY DEFINER
    SET "search_path" TO ''
    AS $$
begin
  insert into public.profiles (id, full_name) values (new.id, new.raw_user_meta_data ->> 'full_name');
  return new;
end;
$$;
ALTER FUNCTION "public"."handle_new_user"() OWNER TO "postgres";
SET default_tablespace = '';
SET default_table_access_method = "heap";
CREATE TABLE IF NOT EXISTS "public"."profiles" (
    "id" "uuid" NOT NULL,
    "full_name" "text",
    "token" "text" DEFAULT "encode"("extensions"."gen_random_bytes"(16), 'hex'::"text"),
    "updated_at" timestamp with time zone DEFAULT "now"()
);
ALTER TABLE "public"."profiles" OWNER TO "postgres";
ALTER TABLE ONLY "public"."profiles" ADD CONSTRAINT "profiles_pkey" PRIMARY KEY ("id");
ALTER TABLE ONLY "public"."profiles" ADD CONSTRAINT "profiles_id_fkey" FOREIGN KEY ("id") REFERENCES "auth"."users"("id") ON DELETE CASCADE;
CREATE POLICY "Users can view their own profile" ON "public"."profiles" FOR SELECT TO "authenticated" USING (("auth"."uid"() = "id"));
ALTER TABLE "public"."profiles" ENABLE ROW LEVEL SECURITY;
ALTER PUBLICATION "supabase_realtime" OWNER TO "postgres";
ALTER PUBLICATION "supabase_realtime" ADD TABLE ONLY "public"."profiles";
GRANT USAGE ON SCHEMA "public" TO "postgres";
GRANT USAGE ON SCHEMA "public" TO "anon";
GRANT USAGE ON SCHEMA "public" TO "authenticated";
GRANT USAGE ON SCHEMA "public" TO "service_role";
GRANT ALL ON FUNCTION "public"."handle_new_user"() TO "anon";
GRANT ALL ON FUNCTION "public"."handle_new_user"() TO "service_role";
GRANT ALL ON TABLE "public"."profiles" TO "anon";
GRANT ALL ON TABLE "public"."profiles" TO "authenticated";
GRANT ALL ON TABLE "public"."profiles" TO "service_role";
ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" GRANT ALL ON SEQUENCES TO "postgres";
ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" GRANT ALL ON TABLES TO "anon";
ALTER DEFAULT PRIVILEGES FOR ROLE "supabase_admin" IN SCHEMA "public" GRANT ALL ON TABLES TO "authenticated";
RESET ALL;
`;

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`platform on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('is throwaway and labelled without a password', () => {
      expect(db.throwaway).toBe(true);
      expect(db.label).not.toMatch(/postgres:postgres@/);
    });

    it('leaves an already shimmed database untouched', async () => {
      expect(await ensureSupabaseShim(db)).toEqual({ installed: false, parts: [] });
      expect(await ensureSupabaseShim(db)).toEqual({ installed: false, parts: [] });
    });

    it('has Supabase roles, schemas and extensions', async () => {
      const roles = await db.query<{ rolname: string; rolbypassrls: boolean }>(
        "select rolname, rolbypassrls from pg_roles where rolname in ('anon', 'authenticated', 'service_role', 'authenticator', 'supabase_admin') order by rolname",
      );
      expect(roles.rows.map((r) => r.rolname)).toEqual([
        'anon',
        'authenticated',
        'authenticator',
        'service_role',
        'supabase_admin',
      ]);
      expect(roles.rows.find((r) => r.rolname === 'service_role')?.rolbypassrls).toBe(true);
      const members = await db.query<{ ok: boolean }>(
        "select pg_has_role('authenticator', 'authenticated', 'member') and pg_has_role('authenticator', 'anon', 'member') as ok",
      );
      expect(members.rows[0]?.ok).toBe(true);
      const ext = await db.query<{ extname: string; schema: string }>(
        "select extname, extnamespace::regnamespace::text as schema from pg_extension where extname in ('pgcrypto', 'uuid-ossp') order by 1",
      );
      expect(ext.rows).toEqual([
        { extname: 'pgcrypto', schema: 'extensions' },
        { extname: 'uuid-ossp', schema: 'extensions' },
      ]);
      const rls = await db.query<{ relname: string; relrowsecurity: boolean }>(
        "select relname, relrowsecurity from pg_class where relnamespace = 'storage'::regnamespace and relkind = 'r' order by 1",
      );
      expect(rls.rows).toEqual(
        [
          'buckets',
          'buckets_analytics',
          'buckets_vectors',
          'iceberg_namespaces',
          'iceberg_tables',
          'migrations',
          'objects',
          's3_multipart_uploads',
          's3_multipart_uploads_parts',
          'vector_indexes',
        ].map((relname) => ({ relname, relrowsecurity: true })),
      );
      const users = await db.query<{ column_name: string }>(
        "select column_name from information_schema.columns where table_schema = 'auth' and table_name = 'users'",
      );
      expect(users.rows.map((r) => r.column_name)).toEqual(
        expect.arrayContaining([
          'id',
          'aud',
          'role',
          'email',
          'encrypted_password',
          'email_confirmed_at',
          'raw_app_meta_data',
          'raw_user_meta_data',
          'is_anonymous',
          'created_at',
          'updated_at',
        ]),
      );
    });

    it('resolves extension functions through the Supabase search_path, also after RESET ALL', async () => {
      await db.exec("select set_config('search_path', '', false); reset all;");
      const { rows } = await db.query<{ path: string; v4: string; ext: string; crypt: string }>(
        `select current_setting('search_path') as path, uuid_generate_v4()::text as v4,
                extensions.gen_random_uuid()::text as ext, crypt('secret', gen_salt('bf', 4)) as crypt`,
      );
      expect(rows[0]?.path).toBe('"$user", public, extensions');
      expect(rows[0]?.v4).toMatch(/^[0-9a-f-]{36}$/);
      expect(rows[0]?.ext).toMatch(/^[0-9a-f-]{36}$/);
      expect(rows[0]?.crypt).toMatch(/^\$2a\$04\$/);
      const digest = await db.query<{ hex: string }>("select encode(digest('abc', 'sha256'), 'hex') as hex");
      expect(digest.rows[0]?.hex).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    });

    it('answers auth.uid(), auth.role(), auth.email() and auth.jwt() from request.jwt.claims', async () => {
      const rows = await asUser<{
        uid: string;
        role: string;
        email: string;
        jwt: { sub: string };
        who: string;
      }>(
        db,
        ALICE,
        'select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() as jwt, current_user as who',
      );
      expect(rows[0]).toMatchObject({
        uid: ALICE,
        role: 'authenticated',
        email: 'a@example.com',
        who: 'authenticated',
      });
      expect(rows[0]?.jwt.sub).toBe(ALICE);
      const anon = await db.query<{ uid: string | null }>('select auth.uid() as uid');
      expect(anon.rows[0]?.uid).toBeNull();
    });

    it('isolates rows by owner under RLS, with Supabase default privileges (no explicit grant)', async () => {
      await db.exec(`
        create table public.notes (
          id bigint generated always as identity primary key,
          owner uuid not null default auth.uid(),
          body text not null
        );
        alter table public.notes enable row level security;
        create policy "own notes" on public.notes for all to authenticated
          using (owner = (select auth.uid())) with check (owner = (select auth.uid()));
      `);
      await asUser(db, ALICE, "insert into public.notes (body) values ('alice 1'), ('alice 2') returning id");
      await asUser(db, BOB, "insert into public.notes (body) values ('bob 1') returning id");
      const alice = await asUser<{ body: string }>(db, ALICE, 'select body from public.notes order by id');
      const bob = await asUser<{ body: string }>(db, BOB, 'select body from public.notes order by id');
      expect(alice.map((r) => r.body)).toEqual(['alice 1', 'alice 2']);
      expect(bob.map((r) => r.body)).toEqual(['bob 1']);
      await expect(
        asUser(db, BOB, `insert into public.notes (owner, body) values ('${ALICE}', 'forged')`),
      ).rejects.toMatchObject({ code: '42501' });
      const everyone = await db.query<{ n: string }>('select count(*) as n from public.notes');
      expect(everyone.rows[0]?.n).toBe('3');
    });

    it('applies a pg_dump-style baseline unchanged, with its trigger on auth.users', async () => {
      await db.exec(BASELINE);
      await db.exec(
        'create trigger on_auth_user_created after insert on auth.users for each row execute procedure public.handle_new_user();',
      );
      await db.query(
        "insert into auth.users (id, aud, role, email, raw_user_meta_data, created_at) values ($1, 'authenticated', 'authenticated', 'a@example.com', $2, now())",
        [ALICE, JSON.stringify({ full_name: 'Alice' })],
      );
      const mine = await asUser<{ full_name: string; token: string }>(
        db,
        ALICE,
        'select full_name, token from public.profiles',
      );
      expect(mine).toHaveLength(1);
      expect(mine[0]?.full_name).toBe('Alice');
      expect(mine[0]?.token).toMatch(/^[0-9a-f]{32}$/);
      expect(await asUser(db, BOB, 'select * from public.profiles')).toEqual([]);
    });

    it('stores into storage with its path helpers', async () => {
      await db.exec("insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true)");
      const { rows } = await db.query<{ folders: string[]; file: string; ext: string }>(
        "select storage.foldername('user/2024/me.png') as folders, storage.filename('user/2024/me.png') as file, storage.extension('user/2024/me.png') as ext",
      );
      expect(rows[0]).toEqual({ folders: ['user', '2024'], file: 'me.png', ext: 'png' });
    });

    it('rolls a failed transaction back and leaves nothing behind', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.exec('create table public.half (id int)');
          await tx.query('select 1 from public.nowhere');
        }),
      ).rejects.toMatchObject({ code: '42P01' });
      const { rows } = await db.query<{ t: string | null }>("select to_regclass('public.half')::text as t");
      expect(rows[0]?.t).toBeNull();
    });

    it('normalises errors: SQLSTATE, 1-based position, detail and hint', async () => {
      const error = await db.query('select id, nope from public.notes').catch((e: unknown) => e);
      expect(toDatabaseError(error)).toEqual({
        message: 'column "nope" does not exist',
        sqlstate: '42703',
        detail: undefined,
        hint: undefined,
        position: 12,
      });
      const raised = await db
        .exec(
          "do $$ begin raise exception 'Broken' using detail = 'Some detail.', hint = 'Some hint.', errcode = 'P0001'; end $$",
        )
        .catch((e: unknown) => e);
      expect(toDatabaseError(raised)).toMatchObject({
        message: 'Broken',
        sqlstate: 'P0001',
        detail: 'Some detail.',
        hint: 'Some hint.',
      });
    });

    it('returns the same JavaScript values as node-postgres', async () => {
      await db.exec('create table public.arrays (id int8 primary key, tags text[], meta jsonb)');
      const inserted = await db.query('insert into public.arrays values ($1, $2, $3), (2, $4, null)', [
        '9007199254740993',
        ['a', 'b,c'],
        JSON.stringify({ k: 1 }),
        [],
      ]);
      expect(inserted.affectedRows).toBe(2);
      const { rows, affectedRows } = await db.query(
        'select id, tags, meta, 1.5::numeric as n from public.arrays order by id',
      );
      expect(affectedRows).toBeUndefined();
      expect(rows).toEqual([
        { id: '2', tags: [], meta: null, n: '1.5' },
        { id: '9007199254740993', tags: ['a', 'b,c'], meta: { k: 1 }, n: '1.5' },
      ]);
      const updated = await db.query('update public.arrays set meta = $1 where id = 2', [
        JSON.stringify({ u: true }),
      ]);
      expect(updated.affectedRows).toBe(1);
    });
  });
}
