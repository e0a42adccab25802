// The shim as a whole: the same tables, columns and enums on PGlite and on the server; a database carrying the
// previous (smaller) kodo shim is upgraded in place, idempotently; a database that looks like real Supabase
// (auth.users owned by supabase_auth_admin, no kodo mark) is left untouched.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverNeedsShim } from '../../src/apply/platform.js';
import type { Database } from '../../src/db/database.js';
import { ensureSupabaseShim, isSupabaseDatabase, missingShimParts } from '../../src/db/shim/index.js';
import { TARGETS } from './targets.js';

const SCHEMAS = "array['auth', 'storage', 'realtime', 'supabase_functions', 'graphql_public', 'vault']";

const COLUMNS = `
select c.table_schema || '.' || c.table_name || '.' || c.column_name as col,
       format_type(a.atttypid, a.atttypmod) as type, c.is_nullable as nullable, c.column_default as "default",
       c.generation_expression as generated
  from information_schema.columns c
  join pg_attribute a on a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
                     and a.attname = c.column_name
 where c.table_schema = any(${SCHEMAS})
 order by 1`;

const ENUMS = `
select t.typnamespace::regnamespace::text || '.' || t.typname as type,
       string_agg(e.enumlabel, ',' order by e.enumsortorder) as labels
  from pg_type t join pg_enum e on e.enumtypid = t.oid
 where t.typnamespace::regnamespace::text = any(${SCHEMAS})
 group by 1 order by 1`;

const V1 = fs.readFileSync(new URL('./fixtures/shim-v1.sql', import.meta.url), 'utf8');

const runnable = TARGETS.filter((t) => !t.skip);

describe('the shim is the same on every target', () => {
  const shapes: Record<string, { columns: unknown[]; enums: unknown[] }> = {};
  beforeAll(async () => {
    for (const target of runnable) {
      const db = await target.open();
      try {
        shapes[target.engine] = {
          columns: (await db.query(COLUMNS)).rows,
          enums: (await db.query(ENUMS)).rows,
        };
      } finally {
        await db.close();
      }
    }
  });

  it('has the tables and enums of Supabase on PGlite', () => {
    const columns = shapes['pglite']?.columns as { col: string }[];
    const tables = new Set(columns.map((c) => c.col.split('.').slice(0, 2).join('.')));
    const count = (schema: string) => [...tables].filter((t) => t.startsWith(`${schema}.`)).length;
    expect([
      count('auth'),
      count('storage'),
      count('realtime'),
      count('supabase_functions'),
      count('vault'),
    ]).toEqual([23, 10, 4, 2, 2]);
    expect(shapes['pglite']?.enums).toHaveLength(12);
  });

  it.skipIf(runnable.length < 2)(
    'has identical columns (type, nullability, default) and enums on the server',
    () => {
      expect(shapes['postgres']?.columns).toEqual(shapes['pglite']?.columns);
      expect(shapes['postgres']?.enums).toEqual(shapes['pglite']?.enums);
    },
  );
});

for (const target of runnable) {
  describe(`upgrade and detection on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('upgrades a database carrying the previous kodo shim, keeping its rows', async () => {
      await db.exec('drop schema auth, storage, realtime, supabase_functions, graphql_public cascade');
      await db.exec(V1);
      await db.exec(`insert into auth.users (id, email) values ('00000000-0000-4000-8000-000000000001', 'old@example.com');
insert into storage.buckets (id, name) values ('old', 'old');`);
      expect(await isSupabaseDatabase(db)).toBe(false);
      expect(await missingShimParts(db)).toEqual(['auth', 'storage', 'realtime', 'webhooks', 'graphql']);
      expect(await ensureSupabaseShim(db)).toEqual({
        installed: true,
        parts: ['auth', 'storage', 'realtime', 'webhooks', 'graphql', 'grants'],
      });
      const { rows } = await db.query(
        `select (select email from auth.users) as email, (select versioning_status from storage.buckets) as versioning,
                to_regclass('auth.mfa_factors') is not null as mfa, to_regclass('storage.vector_indexes') is not null as vectors,
                (select pg_get_userbyid(relowner) from pg_class where oid = 'auth.users'::regclass) as owner`,
      );
      expect(rows).toEqual([
        {
          email: 'old@example.com',
          versioning: 'DISABLED',
          mfa: true,
          vectors: true,
          owner: 'supabase_auth_admin',
        },
      ]);
      expect(await ensureSupabaseShim(db)).toEqual({ installed: false, parts: [] });
      if (db.kind === 'postgres') expect(await serverNeedsShim(db)).toBe(false);
    });

    it('leaves a database that looks like real Supabase untouched', async () => {
      await db.exec(`drop schema auth cascade;
create schema auth;
create table auth.users (id uuid primary key);
alter table auth.users owner to supabase_auth_admin;`);
      expect(await isSupabaseDatabase(db)).toBe(true);
      expect(await missingShimParts(db)).toEqual([]);
      expect(await ensureSupabaseShim(db)).toEqual({ installed: false, parts: [] });
      if (db.kind === 'postgres') expect(await serverNeedsShim(db)).toBe(false);
      const { rows } = await db.query("select to_regclass('auth.sessions') as sessions");
      expect(rows).toEqual([{ sessions: null }]);
      // The same database marked as kodo's is kodo's shim, and is completed.
      await db.exec("comment on schema auth is 'kodo shim 1: an older mark'");
      expect(await isSupabaseDatabase(db)).toBe(false);
      expect(await missingShimParts(db)).toEqual(['auth']);
    });
  });
}
