// The CLI commands and MCP tools over the apply core: shapes, annotations, progress, exit codes, approval.
import os from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.js';
import { listCommand } from '../../src/cli/commands/list.js';
import { repairCommand } from '../../src/cli/commands/repair.js';
import { statusCommand } from '../../src/cli/commands/status.js';
import { upCommand } from '../../src/cli/commands/up.js';
import type { CliContext } from '../../src/cli/define.js';
import { Roots } from '../../src/mcp/roots.js';
import { createServer } from '../../src/mcp/server.js';
import { serverAvailable } from '../helpers/postgres.js';
import { freshTarget, makeProject } from './helpers.js';

const FILES = {
  '20240101000000_a.sql': 'create table public.a (id int primary key);',
  '20240101000001_b.sql': 'alter table public.a enable row level security;',
};

function cli(cwd: string): CliContext & { lines: string[] } {
  const lines: string[] = [];
  return { cwd, json: false, interactive: false, log: (l) => void lines.push(l), lines };
}

describe('CLI commands', () => {
  it('up, then list and status show the table and agree', async () => {
    const project = await makeProject(FILES);
    const ctx = cli(project.root);
    const applied = await upCommand.run([], {}, ctx);
    expect(applied.exitCode).toBe(0);
    expect(applied.text).toContain('Applied 2 migration(s) to embedded');
    expect(ctx.lines).toEqual([
      'Applying migration 20240101000000_a.sql...',
      'Applying migration 20240101000001_b.sql...',
    ]);
    const list = await listCommand.run([], {}, ctx);
    expect(list.text).toMatch(/LOCAL\s+│ REMOTE\s+│ TIME \(UTC\)/);
    expect(list.text).toContain(' 20240101000000 │ 20240101000000 │ 2024-01-01 00:00:00');
    const status = await statusCommand.run([], {}, ctx);
    expect(status.text).toContain('Database is up to date.');
    expect(status.data).toMatchObject({ pending: [], missingLocal: [], outOfOrder: [], unsynced: [] });
  });

  it('up exits 1 with file:line:column on a failed migration; check too', async () => {
    const project = await makeProject({
      '20240101000000_a.sql': 'create table a (id int);\nselect nope from a;\n',
    });
    const ctx = cli(project.root);
    // verify: false is --no-verify: this test is about the apply failure, not lint's refusal.
    const result = await upCommand.run([], { db: 'memory', verify: false }, ctx);
    expect(result.exitCode).toBe(1);
    expect(result.text).toContain(
      'supabase/migrations/20240101000000_a.sql:2:8: migration failed at statement 2',
    );
    expect(result.text).toContain('ERROR: column "nope" does not exist (SQLSTATE 42703)');
    const check = await checkCommand.run([], {}, ctx);
    expect(check.exitCode).toBe(1);
    expect(check.text).toContain('0 of 1 migration(s) applied');
  });

  it('repair prints what changes', async () => {
    const project = await makeProject(FILES);
    const result = await repairCommand.run(['20240101000000'], { status: 'applied' }, cli(project.root));
    expect(result.text).toContain('Repaired migration history on embedded');
    expect(result.text).toContain('20240101000000: insert row from supabase/migrations/20240101000000_a.sql');
  });

  it.skipIf(!serverAvailable)(
    'up against a server without --yes or a terminal refuses after printing the plan',
    async () => {
      const project = await makeProject(FILES);
      const db = await freshTarget('postgres', project);
      const ctx = cli(project.root);
      await expect(upCommand.run([], { db }, ctx)).rejects.toThrow(/rerun with --yes\.$/);
      expect(ctx.lines.join('\n')).toContain('apply supabase/migrations/20240101000000_a.sql');
      expect(ctx.lines.join('\n')).not.toContain(':postgres@');
      const yes = await upCommand.run([], { db, yes: true }, ctx);
      expect(yes.exitCode).toBe(0);
    },
  );
});

describe('MCP tools', () => {
  let client: Client;
  beforeAll(async () => {
    // The projects of this file live in the temp folder: that is the server's root.
    const server = createServer(new Roots([os.tmpdir()]));
    client = new Client({ name: 'test', version: '0' });
    const [ct, st] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(st), client.connect(ct)]);
  });
  afterAll(async () => client.close());

  it('carry honest annotations and ask for the user on apply', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('migration_status')?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    // Against a server it creates (then drops) a scratch database, and with an approved planId a migration's
    // ALTER ROLE outlives it: not read-only, destructive at worst.
    expect(byName.get('check_migrations')?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(byName.get('apply_migrations')?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
    });
    expect(byName.get('apply_migrations')?._meta).toEqual({ 'anthropic/requiresUserInteraction': true });
    expect(byName.get('repair_history')?.annotations).toMatchObject({
      destructiveHint: true,
      idempotentHint: true,
    });
    for (const name of ['migration_status', 'apply_migrations', 'repair_history', 'check_migrations']) {
      expect(byName.get(name)?.description?.length).toBeLessThan(2048);
    }
  });

  it('apply_migrations applies to the embedded database with progress, then migration_status agrees', async () => {
    const project = await makeProject(FILES);
    const progress: Array<{ progress: number; total?: number; message?: string }> = [];
    const r = await client.callTool(
      { name: 'apply_migrations', arguments: { cwd: project.root } },
      CallToolResultSchema,
      { onprogress: (p) => void progress.push(p) },
    );
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({
      applied: ['20240101000000', '20240101000001'],
      failure: null,
    });
    expect(progress).toEqual([
      { progress: 1, total: 2, message: 'supabase/migrations/20240101000000_a.sql' },
      { progress: 2, total: 2, message: 'supabase/migrations/20240101000001_b.sql' },
    ]);
    const s = await client.callTool({ name: 'migration_status', arguments: { cwd: project.root } });
    expect(s.structuredContent).toMatchObject({
      pending: [],
      migrations: [{ applied: true }, { applied: true }],
    });
  });

  it('check_migrations reports the failure precisely', async () => {
    const project = await makeProject({ '20240101000000_a.sql': 'select 1;\nselect * from nowhere;\n' });
    const r = await client.callTool({ name: 'check_migrations', arguments: { cwd: project.root } });
    expect(r.structuredContent).toMatchObject({
      total: 1,
      applied: 0,
      findings: [],
      failure: { line: 2, column: 15, sqlstate: '42P01', statement: 2 },
    });
  });

  it.skipIf(!serverAvailable)('apply_migrations on a server needs the dry run planId', async () => {
    const project = await makeProject(FILES);
    const db = await freshTarget('postgres', project);
    const refused = await client.callTool({ name: 'apply_migrations', arguments: { cwd: project.root, db } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain('needs approval');
    const dry = await client.callTool({
      name: 'apply_migrations',
      arguments: { cwd: project.root, db, dryRun: true },
    });
    const planId = (dry.structuredContent as { planId: string }).planId;
    const wrong = await client.callTool({
      name: 'apply_migrations',
      arguments: { cwd: project.root, db, planId: 'f'.repeat(32) },
    });
    expect(wrong.isError).toBe(true);
    const ok = await client.callTool({
      name: 'apply_migrations',
      arguments: { cwd: project.root, db, planId },
    });
    expect(ok.structuredContent).toMatchObject({ applied: ['20240101000000', '20240101000001'] });
    // Repair on a server is two-phase like apply: the dry run's planId approves the change.
    const repair = { cwd: project.root, db, versions: ['20240101000001'], status: 'reverted' };
    const repairDry = await client.callTool({
      name: 'repair_history',
      arguments: { ...repair, dryRun: true },
    });
    const repairPlan = (repairDry.structuredContent as { planId: string }).planId;
    const repaired = await client.callTool({
      name: 'repair_history',
      arguments: { ...repair, planId: repairPlan },
    });
    expect(repaired.structuredContent).toMatchObject({
      repaired: ['20240101000001'],
      changes: [{ action: 'delete' }],
    });
  });
});
