// Scratch databases for `kodo check`, and the shim on a plain server: created, shimmed once, dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openDatabase, openScratchDatabase } from '../../src/db/open.js';
import { ensureSupabaseShim } from '../../src/db/shim/index.js';
import { parseDatabaseSpec } from '../../src/db/spec.js';
import {
  createScratchDatabase,
  type ScratchDatabase,
  SERVER_URL,
  serverAvailable,
} from '../helpers/postgres.js';
import { tempRoot } from './targets.js';

/** The label kodo shows for a server URL (without its password). */
function urlLabel(url: string): string {
  const target = parseDatabaseSpec(url, {});
  if (target.kind !== 'postgres') throw new Error('not a server URL');
  return target.label;
}

describe('scratch database for embedded and memory', () => {
  it('is a throwaway in-memory PGlite with the shim', async () => {
    const db = await openScratchDatabase(undefined, { root: await tempRoot(), env: {} });
    try {
      expect(db).toMatchObject({ kind: 'memory', throwaway: true, label: 'memory (scratch)' });
      expect((await db.query("select to_regprocedure('auth.uid()') is not null as ok")).rows).toEqual([
        { ok: true },
      ]);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!serverAvailable)('scratch database on the PostgreSQL server', () => {
  async function exists(name: string): Promise<boolean> {
    const admin = await openDatabase(SERVER_URL, { root: await tempRoot() });
    try {
      const { rows } = await admin.query<{ n: string }>(
        'select count(*) as n from pg_database where datname = $1',
        [name],
      );
      return rows[0]?.n === '1';
    } finally {
      await admin.close();
    }
  }

  it('is created on the server, shimmed, and dropped on close', async () => {
    const db = await openScratchDatabase(SERVER_URL, { root: await tempRoot() });
    const { rows } = await db.query<{ name: string; path: string }>(
      "select current_database() as name, current_setting('search_path') as path",
    );
    const name = rows[0]?.name ?? '';
    expect(name).toMatch(/^kodo_check_[0-9a-f]{10}$/);
    expect(rows[0]?.path).toBe('"$user", public, extensions');
    expect(db).toMatchObject({ kind: 'postgres', throwaway: true });
    const scratchUrl = new URL(SERVER_URL);
    scratchUrl.pathname = `/${name}`;
    expect(db.label).toBe(`${urlLabel(scratchUrl.toString())} (scratch)`);
    expect(db.label).not.toContain(':postgres@');
    expect(await exists(name)).toBe(true);
    await db.close();
    expect(await exists(name)).toBe(false);
  });
});

describe.skipIf(!serverAvailable)('scratch database for a role without CREATEDB', () => {
  const role = `kodo_nocreatedb_${process.pid}`;
  let admin: Database;
  beforeAll(async () => {
    admin = await openDatabase(SERVER_URL, { root: await tempRoot() });
    await admin.exec(`create role ${role} login password 'hunter2' nocreatedb`);
  });
  afterAll(async () => {
    await admin?.exec(`drop role if exists ${role}`);
    await admin?.close();
  });

  it('fails with what to do, without the password', async () => {
    const url = new URL(SERVER_URL);
    url.username = role;
    url.password = 'hunter2';
    const error = await openScratchDatabase(url.toString(), { root: await tempRoot() }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      `The role ${role} cannot create databases on ${urlLabel(url.toString())}; grant it CREATEDB, or check against --db memory.`,
    );
  });
});

describe.skipIf(!serverAvailable)('the shim on a plain PostgreSQL database', () => {
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

  it('is installed once, then left alone', async () => {
    expect(db.kind).toBe('postgres');
    expect(db.throwaway).toBe(false);
    const first = await ensureSupabaseShim(db);
    expect(first.installed).toBe(true);
    // Roles are cluster-wide and may exist from an earlier run; everything per-database is new.
    expect(first.parts).toEqual(
      expect.arrayContaining(['extensions', 'auth', 'storage', 'realtime', 'webhooks', 'grants']),
    );
    expect(await ensureSupabaseShim(db)).toEqual({ installed: false, parts: [] });
  });

  it('tolerates concurrent installs on several databases of one server', async () => {
    const others = await Promise.all([createScratchDatabase(), createScratchDatabase()]);
    try {
      const results = await Promise.all(
        others.map(async (s) => {
          const conn = await openDatabase(s.url, { root: await tempRoot() });
          try {
            return await ensureSupabaseShim(conn);
          } finally {
            await conn.close();
          }
        }),
      );
      expect(results.map((r) => r.installed)).toEqual([true, true]);
    } finally {
      await Promise.all(others.map((s) => s.drop()));
    }
  });
});
