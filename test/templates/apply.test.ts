// Generated SQL applies on a real Postgres: the bootstrap templates and table migrations run on PGlite (and on
// the PostgreSQL test server when it is up), and the policies then behave: RLS on, four policies, rows isolated.
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMigration } from '../../src/templates/templates.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { announcementsSpec, CREATED, customersSpec, ordersSpec, projectsSpec } from './specs.js';

interface Engine {
  exec(sql: string): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * The little of Supabase that generated migrations rely on: the API roles, auth.users, auth.jwt() and auth.uid()
 * reading the JWT claims the way GoTrue's functions do, and the grants Supabase sets up on public.
 */
const SUPABASE_STAND_IN = `
do $$ begin
  create role anon nologin noinherit;
exception when duplicate_object then null; end $$;
do $$ begin
  create role authenticated nologin noinherit;
exception when duplicate_object then null; end $$;
do $$ begin
  create role service_role nologin noinherit bypassrls;
exception when duplicate_object then null; end $$;
create schema auth;
create table auth.users (id uuid primary key);
create function auth.jwt() returns jsonb language sql stable as $$
  select nullif(current_setting('request.jwt.claims', true), '')::jsonb
$$;
create function auth.uid() returns uuid language sql stable as $$
  select nullif(auth.jwt() ->> 'sub', '')::uuid
$$;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
create schema app;
`;

const USER_A = '00000000-0000-0000-0000-00000000000a';
const USER_B = '00000000-0000-0000-0000-00000000000b';
const ORG_1 = '00000000-0000-0000-0000-000000000001';
const ORG_2 = '00000000-0000-0000-0000-000000000002';

const migrations = [
  renderMigration({ template: 'extensions', name: 'extensions', created: CREATED }),
  renderMigration({ template: 'core_functions', name: 'core_functions', created: CREATED }),
  renderMigration({ template: 'table', name: 'create_customers', created: CREATED, table: customersSpec }),
  renderMigration({ template: 'table', name: 'create_orders', created: CREATED, table: ordersSpec }),
  renderMigration({
    template: 'table',
    name: 'create_announcements',
    created: CREATED,
    table: announcementsSpec,
  }),
  renderMigration({ template: 'table', name: 'create_projects', created: CREATED, table: projectsSpec }),
  // A second table migration redefines handle_updated_at identically: replaying it must be harmless.
  renderMigration({ template: 'table', name: 'create_invoices', created: CREATED }),
];

/** Runs `sql` as the authenticated role with the given JWT claims, then returns to the superuser. */
async function as(
  db: Engine,
  claims: Record<string, string>,
  sql: string,
): Promise<Record<string, unknown>[]> {
  await db.exec(
    `select set_config('request.jwt.claims', '${JSON.stringify(claims)}', false); set role authenticated;`,
  );
  try {
    return await db.rows(sql);
  } finally {
    await db.exec(`reset role; select set_config('request.jwt.claims', '', false);`);
  }
}

function suite(label: string, open: () => Promise<Engine>, skip = false) {
  describe.skipIf(skip)(`generated migrations on ${label}`, () => {
    let db: Engine;
    beforeAll(async () => {
      db = await open();
      await db.exec(SUPABASE_STAND_IN);
      // Twice: every generated statement is safe to run again.
      for (const sql of [...migrations, ...migrations]) await db.exec(sql);
      await db.exec(`insert into auth.users (id) values ('${USER_A}'), ('${USER_B}');`);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('enables RLS with one policy per command on every generated table', async () => {
      const tables = await db.rows<{ name: string; rls: boolean }>(
        `select n.nspname || '.' || c.relname as name, c.relrowsecurity as rls
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind = 'r' and n.nspname in ('public', 'app') order by 1`,
      );
      expect(tables).toEqual(
        ['app.projects', 'public.announcements', 'public.customers', 'public.invoices', 'public.orders'].map(
          (name) => ({
            name,
            rls: true,
          }),
        ),
      );
      const policies = await db.rows<{ tablename: string; cmds: string }>(
        `select schemaname || '.' || tablename as tablename, string_agg(cmd, ',' order by cmd) as cmds
         from pg_policies group by 1 order by 1`,
      );
      for (const p of policies) expect(p.cmds).toBe('DELETE,INSERT,SELECT,UPDATE');
      expect(policies).toHaveLength(5);
    });

    it('indexes every foreign key column', async () => {
      const unindexed = await db.rows(
        `select c.conrelid::regclass::text as tbl, a.attname
         from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
         where c.contype = 'f'
           and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`,
      );
      expect(unindexed).toEqual([]);
    });

    it('isolates owner-only rows and fills the owner from the JWT', async () => {
      const inserted = await as(
        db,
        { sub: USER_A },
        `insert into public.customers (email) values ('a@x.test') returning user_id`,
      );
      expect(inserted).toEqual([{ user_id: USER_A }]);
      expect(await as(db, { sub: USER_A }, 'select email from public.customers')).toEqual([
        { email: 'a@x.test' },
      ]);
      expect(await as(db, { sub: USER_B }, 'select email from public.customers')).toEqual([]);
      expect(
        await as(db, { sub: USER_B }, `update public.customers set email = 'stolen' returning id`),
      ).toEqual([]);
      expect(await as(db, { sub: USER_B }, 'delete from public.customers returning id')).toEqual([]);
      await expect(
        as(
          db,
          { sub: USER_B },
          `insert into public.customers (email, user_id) values ('b@x.test', '${USER_A}')`,
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(as(db, {}, 'select * from public.customers')).resolves.toEqual([]);
    });

    it('keeps updated_at current', async () => {
      // The trigger overrides whatever the client sends.
      const rows = await db.rows<{ current: boolean }>(
        `update public.customers set display_name = 'A', updated_at = '2000-01-01'
         returning updated_at > '2020-01-01' as current`,
      );
      expect(rows).toEqual([{ current: true }]);
    });

    it('isolates organisations and lets only the owner write', async () => {
      const [customer] = await as(db, { sub: USER_A }, 'select id from public.customers');
      const a1 = { sub: USER_A, org_id: ORG_1 };
      await as(db, a1, `insert into public.orders (customer_id) values ('${String(customer?.['id'])}')`);
      // B is in org 1 through app_metadata (what a project without an access token hook uses).
      const b1 = { sub: USER_B, app_metadata: { org_id: ORG_1 } } as unknown as Record<string, string>;
      expect(await as(db, b1, 'select status, org_id from public.orders')).toEqual([
        { status: 'pending', org_id: ORG_1 },
      ]);
      expect(await as(db, b1, `update public.orders set status = 'paid' returning id`)).toEqual([]);
      expect(await as(db, { sub: USER_B, org_id: ORG_2 }, 'select id from public.orders')).toEqual([]);
      expect(await as(db, a1, `update public.orders set status = 'paid' returning status`)).toEqual([
        { status: 'paid' },
      ]);
      await expect(as(db, a1, `update public.orders set org_id = '${ORG_2}'`)).rejects.toThrow(
        /row-level security/,
      );
      await expect(as(db, a1, `update public.orders set status = 'lost'`)).rejects.toThrow(
        /orders_status_check/,
      );
    });

    it('lets anyone read a publicRead table but only the owner write', async () => {
      await as(db, { sub: USER_A }, `insert into public.announcements (title) values ('Hello')`);
      await db.exec(`set role anon;`);
      const seen = await db.rows('select title from public.announcements');
      await db.exec('reset role;');
      expect(seen).toEqual([{ title: 'Hello' }]);
      expect(await as(db, { sub: USER_B }, 'delete from public.announcements returning id')).toEqual([]);
    });

    it('grants the API roles access to a table outside public', async () => {
      await as(db, { sub: USER_A, org_id: ORG_1 }, `insert into app.projects (name) values ('Apollo')`);
      expect(await as(db, { sub: USER_B, org_id: ORG_1 }, 'select name from app.projects')).toEqual([
        { name: 'Apollo' },
      ]);
      expect(await as(db, { sub: USER_B, org_id: ORG_2 }, 'select name from app.projects')).toEqual([]);
    });
  });
}

suite('PGlite', async () => {
  const db = await PGlite.create({ extensions: { uuid_ossp, pgcrypto } });
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    rows: async <T>(sql: string) => (await db.query<T>(sql)).rows,
    close: () => db.close(),
  };
});

let scratch: ScratchDatabase | undefined;
afterAll(async () => {
  await scratch?.drop();
});

suite(
  'the PostgreSQL test server',
  async () => {
    scratch = await createScratchDatabase('kodo_templates');
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    return {
      exec: async (sql) => {
        await client.query(sql);
      },
      rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
      close: () => client.end(),
    };
  },
  !serverAvailable,
);
