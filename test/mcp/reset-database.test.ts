// MCP `reset_database` over stdio (the bundle spawned as .mcp.json says): the embedded database directly, the
// local stack only with the planId of a dry run, any other server refused.
import os from 'node:os';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { callTool, connectStdio } from '../helpers/mcp.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';

const FILES = {
  'supabase/migrations/20240101000000_items.sql':
    'create table public.items (id int primary key, name text not null);\nalter table public.items enable row level security;\n',
  'supabase/seed.sql': "insert into public.items values (1, 'apple');\n",
};

let client: Client;
beforeAll(async () => {
  client = await connectStdio(undefined, { args: ['--root', os.tmpdir()], cwd: os.tmpdir() });
});
afterAll(async () => {
  await client?.close();
});

const call = (args: Record<string, unknown>) =>
  callTool<Record<string, unknown>>(client, 'reset_database', args);

describe('reset_database over stdio', { timeout: 120_000 }, () => {
  it('rebuilds the embedded database with the seed, no planId needed; a failed seed is isError with its file and line', async () => {
    const root = await makeFiles(FILES);
    const answer = await call({ cwd: root });
    expect(answer.isError, answer.text).toBe(false);
    expect(answer.structured).toMatchObject({
      target: 'embedded (.kodo/db)',
      applied: ['20240101000000'],
      seeded: ['supabase/seed.sql'],
      failure: null,
    });
    expect(JSON.parse(answer.text)).toEqual(answer.structured);
    const db = await openDatabase('embedded', { root });
    try {
      expect((await db.query('select id, name from public.items')).rows).toEqual([{ id: 1, name: 'apple' }]);
    } finally {
      await db.close();
    }
    const broken = await makeFiles({
      ...FILES,
      'supabase/seed.sql': 'insert into public.items values (1, null);\n',
    });
    const failed = await call({ cwd: broken, db: 'memory' });
    expect(failed.isError).toBe(true);
    expect(failed.text.split('\n')[0]).toBe(
      'failed: supabase/seed.sql:1:1: null value in column "name" of relation "items" violates not-null constraint (seed; it was rolled back). 1 of 1 migration(s) and 0 seed file(s) applied on memory.',
    );
  });

  it.skipIf(!serverAvailable)(
    'the local stack: refused without the planId of a dry run, reset with it; another server refused',
    async () => {
      const scratch: ScratchDatabase = await createScratchDatabase('kodo_mcp_reset');
      try {
        const other = await makeFiles(FILES);
        const notLocal = await call({ cwd: other, db: scratch.url });
        expect(notLocal.isError).toBe(true);
        expect(notLocal.text).toMatch(/^kodo reset rebuilds only a development database/);

        const root = await makeFiles({ ...FILES, 'supabase/config.toml': '[db]\nport = 5432\n' });
        const noPlan = await call({ cwd: root, db: scratch.url });
        expect(noPlan.isError).toBe(true);
        expect(noPlan.text).toMatch(/it needs approval: run a dry run, show its plan to the user/);
        const dry = await call({ cwd: root, db: scratch.url, dryRun: true });
        expect(dry.structured).toMatchObject({ dryRun: true, applied: [], seeds: ['supabase/seed.sql'] });
        const planId = (dry.structured as { planId: string }).planId;
        const done = await call({ cwd: root, db: scratch.url, planId });
        expect(done.isError, done.text).toBe(false);
        expect(done.structured).toMatchObject({ applied: ['20240101000000'], seeded: ['supabase/seed.sql'] });
        const c = new pg.Client({ connectionString: scratch.url });
        await c.connect();
        try {
          expect((await c.query('select id, name from public.items')).rows).toEqual([
            { id: 1, name: 'apple' },
          ]);
        } finally {
          await c.end();
        }
      } finally {
        await scratch.drop();
      }
    },
  );
});
