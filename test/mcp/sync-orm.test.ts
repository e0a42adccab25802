// MCP `sync_orm` over stdio: its annotations, a dry run then the write on a copy of the example, a second call
// that writes nothing, and bad input as isError with one sentence.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectStdio } from '../helpers/mcp.js';
import { copyExample, listTree } from '../helpers/temp.js';

const RS = 'services/rust-realtime/migrations';
let client: Client;
let root: string;
beforeAll(async () => {
  root = await copyExample();
  client = await connectStdio(root);
});
afterAll(async () => {
  await client?.close();
});

const call = (args: Record<string, unknown>) => callTool<Record<string, unknown>>(client, 'sync_orm', args);

describe('sync_orm over stdio', { timeout: 60_000 }, () => {
  it('is announced as writing files, not destructive, idempotent', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'sync_orm');
    expect(tool?.annotations).toEqual({
      title: 'Sync ORM migrations',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
  });

  it('plans with dryRun, writes without it, and writes nothing the second time', async () => {
    await fs.writeFile(
      path.join(root, RS, '0002_pin_messages.sql'),
      'alter table public.messages add column pinned boolean;\n',
    );
    const before = await listTree(root);
    const dry = await call({ dryRun: true });
    expect(dry.isError).toBe(false);
    expect(dry.text.split('\n')[0]).toBe('Dry run: 1 planned, 0 drift.');
    expect(dry.structured['planned']).toEqual([
      {
        workspace: 'rust-realtime',
        source: `${RS}/0002_pin_messages.sql`,
        target: 'supabase/migrations/00302_rust_pin_messages.sql',
        action: 'create',
      },
    ]);
    expect(await listTree(root)).toEqual(before);

    const wrote = await call({});
    expect(wrote.structured['written']).toEqual(['supabase/migrations/00302_rust_pin_messages.sql']);
    const again = await call({ workspace: 'rust-realtime' });
    expect(again.text.split('\n')[0]).toBe('0 written, 2 already synced, 0 drift.');
    expect(again.structured).toMatchObject({ planned: [], written: [], drift: [] });
  });

  it('answers an unknown workspace with isError and the names to use', async () => {
    const bad = await call({ workspace: 'go-api' });
    expect(bad).toMatchObject({ isError: true });
    expect(bad.text).toContain(
      'Unknown workspace "go-api"; use one of: node-api, python-analytics, rust-realtime.',
    );
  });
});
