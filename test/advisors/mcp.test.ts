// MCP `get_advisors` over stdio (the bundle spawned as .mcp.json says): annotations that tell the truth (it only
// reads: a replay on a throwaway database, or a database given read in a rolled-back transaction), findings as
// structured content with a headline, level/type/failOn, bad input as isError, and a real server read as it is.
import os from 'node:os';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectStdio } from '../helpers/mcp.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { listTree, makeFiles } from '../helpers/temp.js';

const FILE = 'supabase/migrations/20240101000000_rooms.sql';
const ROOMS = `create table public.rooms (id bigint primary key, owner uuid not null);
alter table public.rooms enable row level security;
create policy "rooms open" on public.rooms for delete to authenticated using (true);
create view public.room_owners as select id, owner from public.rooms;
revoke all on public.rooms, public.room_owners from anon;
`;

let client: Client;
beforeAll(async () => {
  client = await connectStdio(undefined, { args: ['--root', os.tmpdir()], cwd: os.tmpdir() });
});
afterAll(async () => client?.close());

const call = (args: Record<string, unknown>) =>
  callTool<{
    findings: { rule: string; file: string; line: number; object: string; severity: string }[];
    failed: boolean;
    skipped: { rule: string; reason: string }[];
    target: string;
  }>(client, 'get_advisors', args);

const brief = (s: { findings: { rule: string; file: string; line: number; object: string }[] }) =>
  s.findings.map((f) => `${f.rule} ${f.object} ${f.file}:${f.line}`);

describe('get_advisors over stdio', { timeout: 120_000 }, () => {
  it('is listed read-only, idempotent, open world (db can name a server)', async () => {
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === 'get_advisors')?.annotations).toEqual({
      title: 'Database advisors (security and performance)',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
  });

  it('replays the migrations and names the file of each finding; writes nothing to the project', async () => {
    const root = await makeFiles({ [FILE]: ROOMS });
    const before = await listTree(root);
    const answer = await call({ cwd: root, type: 'security' });
    expect(answer.isError, answer.text).toBe(false);
    expect(answer.text.split('\n')[0]).toBe(
      'passed: 4 finding(s) on supabase/migrations (1 file(s), replayed on a throwaway database).',
    );
    expect(brief(answer.structured)).toEqual([
      `security-definer-view public.room_owners ${FILE}:4`,
      `rls-policy-always-true public.rooms."rooms open" ${FILE}:3`,
      // PGlite has pg_graphql, as Supabase does.
      `pg-graphql-authenticated-table-exposed public.room_owners ${FILE}:4`,
      `pg-graphql-authenticated-table-exposed public.rooms ${FILE}:1`,
    ]);
    expect(answer.structured.failed).toBe(false);
    expect(await listTree(root)).toEqual(before);
  });

  it('failOn makes failed true (a headline that says so), level filters what is returned', async () => {
    const root = await makeFiles({ [FILE]: ROOMS });
    const answer = await call({ cwd: root, level: 'error', failOn: 'error' });
    expect(answer.isError).toBe(false);
    expect(answer.text.split('\n')[0]).toBe(
      'failed: 1 finding(s) on supabase/migrations (1 file(s), replayed on a throwaway database).',
    );
    expect(brief(answer.structured)).toEqual([`security-definer-view public.room_owners ${FILE}:4`]);
    expect(answer.structured.failed).toBe(true);
  });

  it('answers bad input with isError and what to fix', async () => {
    const root = await makeFiles({ [FILE]: ROOMS });
    const bad = await call({ cwd: root, level: 'warning' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/level/);
    const outside = await call({ cwd: '/' });
    expect(outside.isError).toBe(true);
  });

  it('check_migrations returns the catalog-only findings with object and category, valid against its schema', async () => {
    const root = await makeFiles({
      [FILE]: `${ROOMS}create function public.touch() returns int language sql security definer set search_path = ''
  as 'select 1';
`,
    });
    const result = await callTool<{ findings: Record<string, unknown>[] }>(client, 'check_migrations', {
      cwd: root,
    });
    expect(result.isError).not.toBe(true);
    const findings = result.structured.findings;
    // security-definer-view and rls-policy-always-true are the linter's too: reported once, without object.
    expect(
      findings.filter((f) => f['rule'] === 'security-definer-view' || f['rule'] === 'rls-policy-always-true'),
    ).toHaveLength(2);
    expect(
      findings.filter((f) => f['object'] !== undefined).map((f) => [f['rule'], f['object'], f['category']]),
    ).toEqual([
      ['anon-security-definer-function-executable', 'public.touch()', 'security'],
      ['authenticated-security-definer-function-executable', 'public.touch()', 'security'],
    ]);
  });

  describe.skipIf(!serverAvailable)('on the real PostgreSQL server', () => {
    let scratch: ScratchDatabase;
    beforeAll(async () => {
      scratch = await createScratchDatabase('kodo_advisors_mcp');
      const c = new pg.Client({ connectionString: scratch.url });
      await c.connect();
      await c.query('create table public.readings (at timestamptz, value real);');
      await c.end();
    });
    afterAll(async () => scratch?.drop());

    it('reads a database given as db as it is: no file, the statistics checks run, nothing changed', async () => {
      const root = await makeFiles({ [FILE]: ROOMS });
      const answer = await call({ cwd: root, db: scratch.url, level: 'info', type: 'performance' });
      expect(answer.isError, answer.text).toBe(false);
      expect(brief(answer.structured)).toEqual(['no-primary-key public.readings :0']);
      expect(answer.structured.skipped).toEqual([]);
      expect(answer.text).not.toContain('postgres:postgres@');
      const c = new pg.Client({ connectionString: scratch.url });
      await c.connect();
      const { rows } = await c.query(
        "select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace",
      );
      await c.end();
      expect(rows[0].n).toBe(1);
    });
  });
});
