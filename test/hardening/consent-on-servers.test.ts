// Issue 8 item 5 on the real server: repair needs consent like up, and `kodo check --db <url>` leaves nothing on
// the server (no database, no role, also when the check fails and after a killed run).

import fs from 'node:fs/promises';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KODO_BIN, runKodo, runKodoJson } from '../helpers/cli.js';
import { connectStdio } from '../helpers/mcp.js';
import {
  createScratchDatabase,
  type ScratchDatabase,
  SERVER_URL,
  serverAvailable,
} from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';

const TABLE =
  'create table public.a (id bigint primary key);\nalter table public.a enable row level security;\n';

async function query<T>(sql: string, url = SERVER_URL): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Roles and databases of the cluster that a check may create: every role (attributes, and the comment that marks a
 * check's own) and the kodo_check_* databases. Other suites share the server, so their own databases are not
 * compared, and a wait lets their checks in flight finish.
 */
async function clusterState(): Promise<string[]> {
  const roles = await query<{ r: string }>(
    `select rolname || ' ' || rolcreaterole || rolcreatedb || rolbypassrls || ' ' || coalesce(shobj_description(oid, 'pg_authid'), '') as r from pg_roles`,
  );
  const dbs = await query<{ datname: string }>(
    `select datname from pg_database where datname like 'kodo_check_%'`,
  );
  return [...roles.map((r) => `role ${r.r}`), ...dbs.map((d) => `db ${d.datname}`)].sort();
}

/** What appeared since `before` that a check could have left: its databases, its tagged roles, the test's role. */
async function leftSince(before: string[], role: string): Promise<string[]> {
  const own = (e: string) =>
    e.startsWith('db ') || e.includes(' kodo check ') || e.startsWith(`role ${role} `);
  for (let i = 0; ; i++) {
    const left = (await clusterState()).filter((e) => !before.includes(e) && own(e));
    if (left.length === 0 || i === 40) return left;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function historyVersions(url: string): Promise<string[]> {
  const rows = await query<{ version: string }>(
    `select version from supabase_migrations.schema_migrations order by 1`,
    url,
  ).catch(() => []);
  return rows.map((r) => r.version);
}

describe.skipIf(!serverAvailable)('repair on a server needs consent', () => {
  let target: ScratchDatabase;
  beforeAll(async () => {
    target = await createScratchDatabase('kodo_hard_repair');
  });
  afterAll(async () => target?.drop());

  it('CLI: refused without --yes (nothing written), written with it', async () => {
    const root = await makeFiles({ 'supabase/migrations/00001_a.sql': TABLE });
    const args = ['repair', '00001', '--status', 'applied', '--db', target.url, '--cwd', root];
    const refused = await runKodo(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('  00001: insert row from supabase/migrations/00001_a.sql');
    expect(refused.stderr).toMatch(/error: Repairing the migration history of .* rerun with --yes\.$/);
    expect(await historyVersions(target.url)).toEqual([]);

    const dry = await runKodoJson<{ dryRun: boolean; planId: string }>([...args, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(await historyVersions(target.url)).toEqual([]);

    const done = await runKodo([...args, '--yes']);
    expect(done.code).toBe(0);
    expect(await historyVersions(target.url)).toEqual(['00001']);
  });

  it('MCP: no planId is refused, a stale planId is refused, the dry run planId repairs', async () => {
    const root = await makeFiles({ 'supabase/migrations/00002_b.sql': TABLE });
    await query(
      `create schema if not exists supabase_migrations;
       create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
       insert into supabase_migrations.schema_migrations (version) values ('00009') on conflict do nothing`,
      target.url,
    );
    const before = await historyVersions(target.url);
    const client = await connectStdio(root);
    try {
      const call = (args: Record<string, unknown>) =>
        client.callTool({
          name: 'repair_history',
          arguments: { versions: ['00009'], status: 'reverted', db: target.url, ...args },
        });
      const bare = await call({});
      expect(bare.isError).toBe(true);
      expect(JSON.stringify(bare.content)).toContain('needs approval: run a dry run');
      expect(await historyVersions(target.url)).toEqual(before);

      const dry = (await call({ dryRun: true })).structuredContent as { planId: string; changes: unknown };
      expect(dry.changes).toEqual([{ version: '00009', action: 'delete', file: null }]);
      const stale = await call({ planId: '0'.repeat(32) });
      expect(stale.isError).toBe(true);
      expect(JSON.stringify(stale.content)).toContain('changed since the plan was approved');
      expect(await historyVersions(target.url)).toEqual(before);

      const approved = await call({ planId: dry.planId });
      expect(approved.isError).toBeFalsy();
      expect(await historyVersions(target.url)).toEqual(before.filter((v) => v !== '00009'));
    } finally {
      await client.close();
    }
  });
});

describe.skipIf(!serverAvailable)('kodo check --db <url> leaves the cluster as it found it', () => {
  // One role name per run, so concurrent suites never meet.
  const role = `kodo_hard_role_${process.pid}`;

  it('after a passing check, a failing one, and a killed one (cleaned by the next run)', async () => {
    const root = await makeFiles({
      'supabase/migrations/00001_a.sql': `${TABLE}create role ${role} nologin;\ngrant select on public.a to ${role}, anon;\n`,
    });
    const check = () => runKodo(['check', '--db', SERVER_URL, '--cwd', root]);
    const before = await clusterState();

    const passed = await check();
    expect(passed.stdout.trimEnd().split('\n').at(-1)).toMatch(/^passed: all 1 migration\(s\) apply on /);
    expect(passed.code).toBe(0);
    expect(await leftSince(before, role)).toEqual([]);

    await fs.writeFile(`${root}/supabase/migrations/00002_b.sql`, 'select 1/0;\n');
    const failed = await check();
    expect(failed.code).toBe(1);
    expect(failed.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^failed: supabase\/migrations\/00002_b.sql:1:1: division by zero \(1 of 2 migration\(s\) applied before it\)\.$/,
    );
    expect(await leftSince(before, role)).toEqual([]);

    // Killed with SIGKILL while the slow file runs: its scratch database and role stay behind...
    await fs.writeFile(`${root}/supabase/migrations/00002_b.sql`, 'select pg_sleep(30);\n');
    const child = execa(process.execPath, [KODO_BIN, 'check', '--db', SERVER_URL, '--cwd', root], {
      reject: false,
    });
    for (;;) {
      const busy = await query<{ n: string }>(
        `select count(*) as n from pg_stat_activity where query like 'select pg_sleep(30)%' and datname like 'kodo_check_%'`,
      );
      if (Number(busy[0]?.n) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await child;
    // The server notices the dead client only when pg_sleep returns: end that backend as a DBA would.
    // Only the killed check's backend: other suites' scratch databases on this server share the prefix.
    await query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname like 'kodo_check_%' and query like 'select pg_sleep(30)%'`,
    );
    const leaked = (await clusterState()).filter((e) => !before.includes(e));
    expect(leaked.map((e) => e.replace(/kodo_check_[0-9a-f]{10}/, 'kodo_check_*'))).toEqual(
      expect.arrayContaining([
        'db kodo_check_*',
        `role ${role} falsefalsefalse kodo check scratch role of kodo_check_*`,
      ]),
    );
    // ...and the next check, proving them its own (tagged, nobody connected, no other check running), drops them.
    await fs.rm(`${root}/supabase/migrations/00002_b.sql`);
    const next = await check();
    expect(next.code).toBe(0);
    expect(await leftSince(before, role)).toEqual([]);
  }, 60_000);
});
