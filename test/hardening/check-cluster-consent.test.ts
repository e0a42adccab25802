// `kodo check --db <server>` works in a scratch database it drops, but a migration can change what exists outside
// it (ALTER ROLE … SET, a membership, another database, ALTER SYSTEM, dynamic SQL naming a role): those changes
// would stay. The check names them and runs only with consent (--yes in the CLI, the planId in MCP).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKodo } from '../helpers/cli.js';
import { connectStdio } from '../helpers/mcp.js';
import { SERVER_URL, serverAvailable } from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';

const ROLE = `kodo_pre_${randomBytes(4).toString('hex')}`;
const M = 'supabase/migrations';

async function sql<T>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

const roleSettings = async () =>
  (
    await sql<{ s: string | null }>(
      `select array_to_string(rolconfig, ',') as s from pg_roles where rolname = '${ROLE}'`,
    )
  )[0]?.s ?? null;

describe.skipIf(!serverAvailable)(
  'check on a server: changes outside the scratch database need consent',
  () => {
    beforeAll(async () => {
      await sql(`create role ${ROLE} nologin`);
    });
    afterAll(async () => {
      await sql(`drop role if exists ${ROLE}`);
    });

    it('names the statements, changes nothing without consent, and runs with --yes', async () => {
      const root = await makeFiles({
        [`${M}/00001_a.sql`]: `create table public.a (id bigint primary key);\nalter table public.a enable row level security;\nalter role ${ROLE} set statement_timeout = '7s';\n`,
        [`${M}/00002_b.sql`]: `do $$ begin execute format('alter role %I set work_mem = %L', '${ROLE}', '1MB'); end $$;\n`,
      });
      const refused = await runKodo(['check', '--db', SERVER_URL, '--cwd', root]);
      expect(refused.code).toBe(2);
      const lines = refused.stderr.split('\n');
      expect(lines.slice(1, 3)).toEqual([
        `  ${M}/00001_a.sql:3  alter role ${ROLE} set statement_timeout = '…'`,
        `  ${M}/00002_b.sql:1  do $$ begin execute format('…', '…', '…'); end $$`,
      ]);
      expect(lines.at(-1)).toMatch(
        /^error: Checking on .* changes a database that is not throwaway; review the plan above and rerun with --yes\.$/,
      );
      expect(await roleSettings()).toBeNull();
      const approved = await runKodo(['check', '--db', SERVER_URL, '--yes', '--cwd', root]);
      expect(approved.code).toBe(0);
      expect(approved.stdout.trim().split('\n').at(-1)).toMatch(/^passed: all 2 migration\(s\) apply on /);
      expect(await roleSettings()).toBe('statement_timeout=7s,work_mem=1MB');
    });

    it('over MCP: refused with the planId, and that planId runs it; the default in-memory check needs nothing', async () => {
      await sql(`alter role ${ROLE} reset all`);
      const root = await makeFiles({
        [`${M}/00001_a.sql`]: `grant pg_read_all_data to ${ROLE};\n`,
      });
      const client = await connectStdio(root);
      try {
        const first = await client.callTool({ name: 'check_migrations', arguments: { db: SERVER_URL } });
        expect(first.isError).toBe(true);
        const text = (first.content as Array<{ text: string }>)[0]!.text;
        expect(text).toContain(`${M}/00001_a.sql:1 grant pg_read_all_data to ${ROLE}`);
        const planId = /planId ([0-9a-f]{32})/.exec(text)?.[1];
        expect(planId).toBeDefined();
        const member = async () =>
          (
            await sql(
              `select 1 from pg_auth_members m join pg_roles r on r.oid = m.member where r.rolname = '${ROLE}'`,
            )
          ).length;
        expect(await member()).toBe(0);
        const second = await client.callTool({
          name: 'check_migrations',
          arguments: { db: SERVER_URL, planId },
        });
        expect(second.isError).toBeFalsy();
        expect(await member()).toBe(1);
        const memory = await client.callTool({ name: 'check_migrations', arguments: {} });
        expect(memory.isError).toBeFalsy();
        await sql(`revoke pg_read_all_data from ${ROLE}`);
      } finally {
        await client.close();
      }
    });
  },
);
