// Stand-ins for Supabase extensions PGlite lacks: they install natively, keep the real signatures, record calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { toDatabaseError } from '../../src/db/errors.js';
import { openDatabase } from '../../src/db/open.js';
import { listStandInsUsed, STANDINS } from '../../src/db/standins/index.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { tempRoot } from './targets.js';

async function calls(
  db: Database,
  extension: string,
): Promise<{ function: string; args: Record<string, unknown> }[]> {
  const { rows } = await db.query<{ function: string; args: Record<string, unknown> }>(
    'select function, args from kodo_standins.calls where extension = $1 order by id',
    [extension],
  );
  return rows;
}

describe('stand-ins on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase('memory', { root: await tempRoot() });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports no stand-in before a migration uses one', async () => {
    expect(await listStandInsUsed(db)).toEqual([]);
  });

  it('schedules a pg_cron job: recorded, stored in cron.job, never run', async () => {
    // As on Supabase, where supautils puts pg_cron in pg_catalog whatever schema is named.
    await db.exec('create extension pg_cron with schema extensions');
    const { rows: where } = await db.query<{ schema: string }>(
      "select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_cron'",
    );
    expect(where).toEqual([{ schema: 'pg_catalog' }]);
    const { rows } = await db.query<{ id: string }>(
      "select cron.schedule('x', '* * * * *', 'select 1') as id",
    );
    expect(rows[0]?.id).toMatch(/^\d+$/);
    expect(await calls(db, 'pg_cron')).toEqual([
      { function: 'schedule', args: { job_name: 'x', schedule: '* * * * *', command: 'select 1' } },
    ]);
    // Re-scheduling a named job updates it, as pg_cron does.
    await db.query("select cron.schedule('x', '@daily', 'select 2')");
    const jobs = await db.query<{ jobname: string; schedule: string }>(
      'select jobname, schedule from cron.job',
    );
    expect(jobs.rows).toEqual([{ jobname: 'x', schedule: '@daily' }]);
    await db.query("select cron.unschedule('x')");
    expect((await db.query('select * from cron.job')).rows).toEqual([]);
    expect(await listStandInsUsed(db)).toEqual(['pg_cron']);
  });

  it('rejects what the real extensions reject', async () => {
    const badSchedule = await db
      .query("select cron.schedule('bad', 'every minute', 'select 1')")
      .catch((e) => e);
    expect(toDatabaseError(badSchedule).message).toBe('invalid schedule: every minute');
    const wrongSchema = await db.exec('create extension pgmq with schema public').catch((e) => e);
    expect(toDatabaseError(wrongSchema).message).toBe('extension "pgmq" must be installed in schema "pgmq"');
  });

  it('installs every stand-in the way Supabase migrations create them', async () => {
    await db.exec(`
      create extension if not exists pg_net with schema extensions;
      create extension if not exists pgmq;
      create extension if not exists supabase_vault with schema vault;
      create extension if not exists http with schema extensions;
      create extension if not exists pg_graphql;
      create extension if not exists pgjwt with schema extensions;
      create extension if not exists wrappers with schema extensions;
      create schema if not exists pgsodium;
      create extension if not exists pgsodium with schema pgsodium;
      create extension if not exists pg_stat_statements with schema extensions;
      create extension if not exists pg_jsonschema with schema extensions;
      create extension if not exists pgaudit;
      create extension if not exists plpgsql_check;
      create extension if not exists index_advisor cascade;
      create extension if not exists pg_repack;
      create extension if not exists moddatetime schema extensions;
      create extension if not exists dblink with schema extensions;
      create extension if not exists timescaledb with schema extensions;
    `);
    const { rows } = await db.query<{ extname: string }>('select extname from pg_extension');
    const installed = rows.map((r) => r.extname);
    for (const s of STANDINS) expect(installed).toContain(s.name);
  });

  it('queues pg_net requests and returns their ids', async () => {
    const { rows } = await db.query<{ post: string; get: string }>(
      `select net.http_post(url := 'https://example.com/hook', body := '{"a": 1}'::jsonb) as post,
              net.http_get('https://example.com/x', params := '{"q": "a b"}') as get`,
    );
    expect(Number(rows[0]?.get)).toBe(Number(rows[0]?.post) + 1);
    const queued = await db.query<{ method: string; url: string }>(
      'select method, url from net.http_request_queue order by id',
    );
    expect(queued.rows).toEqual([
      { method: 'POST', url: 'https://example.com/hook' },
      { method: 'GET', url: 'https://example.com/x?q=a%20b' },
    ]);
    expect((await calls(db, 'pg_net')).map((c) => c.function)).toEqual(['http_post', 'http_get']);
    const fn = await db.query<{ sig: string }>(
      "select 'net.http_delete(text,jsonb,jsonb,integer,jsonb)'::regprocedure::text as sig",
    );
    expect(fn.rows[0]?.sig).toBe('net.http_delete(text,jsonb,jsonb,integer,jsonb)');
  });

  it('keeps vault secrets readable through vault.decrypted_secrets', async () => {
    await db.query("select vault.create_secret('s3cr3t', 'service_key', 'for cron')");
    const { rows } = await db.query<{ decrypted_secret: string }>(
      "select decrypted_secret from vault.decrypted_secrets where name = 'service_key'",
    );
    expect(rows[0]?.decrypted_secret).toBe('s3cr3t');
    expect(await calls(db, 'supabase_vault')).toEqual([
      { function: 'create_secret', args: { new_name: 'service_key', new_description: 'for cron' } },
    ]);
  });

  it('runs pgmq queues locally', async () => {
    await db.query("select pgmq.create('jobs')");
    await db.query(`select pgmq.send('jobs', '{"n": 1}'), pgmq.send('jobs', '{"n": 2}')`);
    const read = await db.query<{ message: { n: number } }>("select message from pgmq.read('jobs', 30, 1)");
    expect(read.rows).toEqual([{ message: { n: 1 } }]);
    const popped = await db.query<{ message: { n: number } }>("select message from pgmq.pop('jobs')");
    expect(popped.rows).toEqual([{ message: { n: 2 } }]);
    expect((await db.query("select to_regclass('pgmq.q_jobs') is not null as t")).rows[0]).toEqual({
      t: true,
    });
  });

  it('signs and verifies JWTs with pgjwt', async () => {
    const { rows } = await db.query<{ valid: boolean; payload: { sub: string } }>(
      `select valid, payload from extensions.verify(extensions.sign('{"sub": "u1"}', 'secret'), 'secret')`,
    );
    expect(rows[0]).toEqual({ valid: true, payload: { sub: 'u1' } });
    const forged = await db.query<{ valid: boolean }>(
      `select valid from extensions.verify(extensions.sign('{"sub": "u1"}', 'secret'), 'other')`,
    );
    expect(forged.rows[0]?.valid).toBe(false);
  });

  it('updates timestamps with moddatetime', async () => {
    await db.exec(`
      create table public.posts (id int primary key, title text, updated_at timestamptz default '2000-01-01');
      create trigger handle_updated_at before update on public.posts
        for each row execute procedure moddatetime (updated_at);
      insert into public.posts (id, title) values (1, 'a');
      update public.posts set title = 'b' where id = 1;
    `);
    const { rows } = await db.query<{ fresh: boolean }>(
      "select updated_at > '2020-01-01' as fresh from public.posts",
    );
    expect(rows[0]?.fresh).toBe(true);
  });

  it('creates foreign data wrappers, servers and tables through wrappers', async () => {
    await db.exec(`
      create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator;
      create server stripe_server foreign data wrapper stripe_wrapper options (api_key_id 'x', api_url 'https://api.stripe.com/v1');
      create schema stripe;
      create foreign table stripe.customers (id text, email text) server stripe_server options (object 'customers');
    `);
    const { rows } = await db.query<{ n: string }>('select count(*) as n from pg_foreign_table');
    expect(rows[0]?.n).toBe('1');
  });

  it('drops a stand-in like any extension', async () => {
    await db.exec('drop extension pg_repack');
    expect((await db.query("select to_regnamespace('repack') is null as gone")).rows[0]).toEqual({
      gone: true,
    });
  });

  it('lists the stand-ins used, counting pre-installed ones only once called', async () => {
    expect(await listStandInsUsed(db)).toEqual([
      'dblink',
      'http',
      'hypopg',
      'index_advisor',
      'moddatetime',
      'pg_cron',
      'pg_jsonschema',
      'pg_net',
      'pgaudit',
      'pgjwt',
      'pgmq',
      'pgsodium',
      'plpgsql_check',
      'supabase_vault',
      'timescaledb',
      'wrappers',
    ]);
  });

  it('fails clearly for an extension that has neither PGlite build nor stand-in', async () => {
    const error = await db.exec('create extension postgis').catch((e) => e);
    const info = toDatabaseError(error);
    expect(info.message).toBe('extension "postgis" is not available');
    expect(info.hint).toContain('--db local');
  });

  it('loads the real PGlite extensions Supabase projects use', async () => {
    await db.exec(`
      create extension vector with schema extensions;
      create extension pg_trgm;
      create extension citext;
      create extension pg_hashids with schema extensions;
      create table public.docs (id int primary key, name citext, embedding extensions.vector(3));
      create index on public.docs using hnsw (embedding extensions.vector_cosine_ops);
      insert into public.docs values (1, 'Alpha', '[1,0,0]'), (2, 'beta', '[0,1,0]');
    `);
    const { rows } = await db.query<{ id: number; sim: number; hash: string }>(
      `select id, similarity(name::text, 'alpha') as sim, id_encode(id) as hash from public.docs
        where name = 'ALPHA' order by embedding <=> '[1,0.1,0]' limit 1`,
    );
    expect(rows[0]?.id).toBe(1);
    expect(rows[0]?.sim).toBeGreaterThan(0.5);
    expect(rows[0]?.hash).toMatch(/^\w+$/);
  });
});

describe('a `supabase db dump` baseline on PGlite', () => {
  it('applies its extension header unchanged', async () => {
    const db = await openDatabase('memory', { root: await tempRoot() });
    try {
      await db.exec(`
        SET statement_timeout = 0;
        SET client_encoding = 'UTF8';
        SELECT pg_catalog.set_config('search_path', '', false);
        CREATE SCHEMA IF NOT EXISTS "pgsodium";
        ALTER SCHEMA "pgsodium" OWNER TO "supabase_admin";
        CREATE EXTENSION IF NOT EXISTS "pgsodium" WITH SCHEMA "pgsodium";
        COMMENT ON SCHEMA "public" IS 'standard public schema';
        CREATE EXTENSION IF NOT EXISTS "pg_cron" WITH SCHEMA "pg_catalog";
        CREATE EXTENSION IF NOT EXISTS "pg_graphql" WITH SCHEMA "graphql";
        CREATE EXTENSION IF NOT EXISTS "pg_net" WITH SCHEMA "extensions";
        CREATE EXTENSION IF NOT EXISTS "pg_stat_statements" WITH SCHEMA "extensions";
        CREATE EXTENSION IF NOT EXISTS "pgcrypto" WITH SCHEMA "extensions";
        CREATE EXTENSION IF NOT EXISTS "pgjwt" WITH SCHEMA "extensions";
        CREATE EXTENSION IF NOT EXISTS "supabase_vault" WITH SCHEMA "vault";
        CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA "extensions";
        RESET ALL;
      `);
      expect(await listStandInsUsed(db)).toEqual(['pg_cron', 'pg_net', 'pgjwt', 'pgsodium']);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!serverAvailable)('stand-ins on the PostgreSQL server', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase(scratch.url, { root: await tempRoot() });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('are never faked: a missing extension fails with Postgres’ own error', async () => {
    const error = await db.exec('create extension pg_cron').catch((e) => e);
    const info = toDatabaseError(error);
    expect(info.sqlstate).toMatch(/^(0A000|58P01)$/);
    expect(info.message).toContain('pg_cron');
    expect(await listStandInsUsed(db)).toEqual([]);
  });
});
