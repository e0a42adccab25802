// MCP `test_rls` over stdio (the bundle spawned as .mcp.json says): honest annotations, the planted leaks as
// structured content with a failed headline (not isError: the test answered), the access diff with diffSince,
// a real server tested as it is with nothing left behind, and a database without auth refused in one sentence.
import os from 'node:os';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKodo } from '../helpers/cli.js';
import { callTool, connectStdio } from '../helpers/mcp.js';
import { createScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';
import { PLANTED_LEAKS, PLANTED_SQL } from '../rls/fixtures/planted.js';

const PLANTED = { 'supabase/migrations/20250101000000_planted.sql': PLANTED_SQL };

let client: Client;
beforeAll(async () => {
  client = await connectStdio(undefined, { args: ['--root', os.tmpdir()], cwd: os.tmpdir() });
});
afterAll(async () => client?.close());

const call = (args: Record<string, unknown>) => callTool<Record<string, unknown>>(client, 'test_rls', args);

type Leak = { table: string; persona: string; operation: string; policy: string | null };
const leakRows = (s: Record<string, unknown>) =>
  (s['leaks'] as Leak[]).map((l) => [l.table, l.persona, l.operation, l.policy]).sort();

describe('test_rls over stdio', { timeout: 180_000 }, () => {
  it('is listed with annotations that tell the truth', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'test_rls');
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
  });

  it('reports the planted leaks with their policies and a failed headline', async () => {
    const root = await makeFiles(PLANTED);
    const answer = await call({ cwd: root });
    expect(answer.isError, answer.text).toBe(false);
    expect(answer.text).toMatch(
      /^failed: \d+ case\(s\) passed, 8 failed, 8 leak\(s\), 1 table\(s\) not proven\./,
    );
    expect(leakRows(answer.structured)).toEqual([...PLANTED_LEAKS].sort());
    expect(answer.structured['diff']).toBeNull();
  });

  it('returns the access diff with diffSince', async () => {
    const root = await makeFiles({
      'supabase/migrations/00001_notes.sql':
        'create table public.notes (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id));\nalter table public.notes enable row level security;\ncreate policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid()));\n',
      'supabase/migrations/00002_all.sql':
        'create policy notes_all on public.notes for select to authenticated using (true);\n',
    });
    const answer = await call({ cwd: root, diffSince: '00001' });
    expect(answer.isError, answer.text).toBe(false);
    expect(answer.text).toMatch(/^failed: 1 access change\(s\) open a leak still open after the last file\./);
    const diff = answer.structured['diff'] as { changes: Array<Record<string, unknown>> };
    expect(diff.changes).toEqual([
      expect.objectContaining({
        file: 'supabase/migrations/00002_all.sql',
        table: 'public.notes',
        persona: 'authenticated',
        operation: 'select',
        policy: 'notes_all',
        leak: true,
        closedBy: null,
      }),
    ]);
  });

  it('check_migrations with rls fails on the leak the newest file opens', async () => {
    const root = await makeFiles({
      'supabase/migrations/00001_notes.sql':
        'create table public.notes (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id));\nalter table public.notes enable row level security;\ncreate policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid()));\n',
      'supabase/migrations/00002_all.sql':
        'create policy notes_all on public.notes for select to authenticated using (true);\n',
    });
    const { text, structured } = await callTool<{ ok: boolean; rls: { open: Array<{ policy: string }> } }>(
      client,
      'check_migrations',
      { cwd: root, rls: true },
    );
    expect(text.split('\n')[0]).toBe('failed: 1 RLS leak(s) opened by the new migrations.');
    expect(structured.ok).toBe(false);
    expect(structured.rls.open.map((c) => c.policy)).toEqual(['notes_all']);
  });

  it.skipIf(!serverAvailable)('tests a real server as it is and leaves no row behind', async () => {
    const scratch = await createScratchDatabase('kodo_mcp_rls');
    try {
      const root = await makeFiles(PLANTED);
      // The planted schema has error-level findings on purpose; --no-verify applies it anyway.
      const up = await runKodo(['up', '--cwd', root, '--db', scratch.url, '--yes', '--no-verify']);
      expect(up.code, up.stderr).toBe(0);
      const count = async () => {
        const c = new pg.Client({ connectionString: scratch.url });
        await c.connect();
        try {
          const { rows } = await c.query(
            'select (select count(*) from auth.users)::int as users, (select count(*) from auth.sessions)::int as sessions, (select count(*) from public.notes)::int as notes, (select count(*) from public.members)::int as members, (select count(*) from storage.objects)::int as objects, (select count(*) from storage.buckets)::int as buckets',
          );
          return rows[0];
        } finally {
          await c.end();
        }
      };
      const before = await count();
      const answer = await call({ cwd: root, db: scratch.url });
      expect(answer.isError, answer.text).toBe(false);
      expect(answer.text).not.toContain('postgres:postgres');
      expect(leakRows(answer.structured)).toEqual([...PLANTED_LEAKS].sort());
      expect(await count()).toEqual(before);
    } finally {
      await scratch.drop();
    }
  });

  it.skipIf(!serverAvailable)('refuses a database without auth.users in one sentence', async () => {
    const scratch = await createScratchDatabase('kodo_mcp_rls_bare');
    try {
      const root = await makeFiles(PLANTED);
      const answer = await call({ cwd: root, db: scratch.url });
      expect(answer.isError).toBe(true);
      expect(answer.text).toMatch(
        /has no auth\.users table, so kodo cannot act as its users; point --db at a Supabase database/,
      );
      expect(answer.text).not.toContain('postgres:postgres');
    } finally {
      await scratch.drop();
    }
  });
});
