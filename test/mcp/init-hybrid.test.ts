// MCP init_hybrid over stdio: annotations that tell the truth (it writes, never destroys, a second call changes
// nothing), a dry run that writes nothing, the real run, and an invalid config answered with isError.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio } from '../helpers/mcp.js';
import { copyExample, listTree, makeFiles, tempDir } from '../helpers/temp.js';

async function call(client: Client, args: Record<string, unknown>) {
  const result = (await client.callTool(
    { name: 'init_hybrid', arguments: args },
    CallToolResultSchema,
  )) as CallToolResult;
  const first = result.content[0];
  return {
    isError: result.isError === true,
    text: first?.type === 'text' ? first.text : '',
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
}

describe('init_hybrid over stdio', () => {
  let client: Client;
  let parent: string;

  beforeAll(async () => {
    parent = await tempDir('kodo-init-mcp-');
    client = await connectStdio(parent, { args: ['--root', parent] });
  });
  afterAll(async () => {
    await client?.close();
  });

  /** A project folder inside the server's root. */
  async function project(files: Record<string, string> = {}): Promise<string> {
    const root = await makeFiles(files);
    const inside = path.join(parent, path.basename(root));
    await fs.cp(root, inside, { recursive: true });
    return inside;
  }

  it('is listed with honest annotations and dryRun as its only own input', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'init_hybrid');
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(Object.keys(tool?.inputSchema.properties ?? {}).sort()).toEqual(['cwd', 'dryRun']);
  });

  it('shows the plan with every content on a dry run and writes nothing, then writes it', async () => {
    const root = await project({ 'README.md': '# app\n' });
    const before = await listTree(root);
    const dry = await call(client, { cwd: root, dryRun: true });
    expect(dry.isError, dry.text).toBe(false);
    expect(JSON.parse(dry.text)).toEqual(dry.structured);
    expect(dry.structured).toMatchObject({
      dryRun: true,
      written: [],
      planned: [
        'supabase/migrations/00000_extensions.sql',
        'supabase/migrations/00001_core_functions.sql',
        '.kodo/config.json',
      ],
    });
    const files = dry.structured?.['files'] as { path: string; content: string }[];
    expect(files[1]?.content).toContain('from (select auth.jwt() as claims) as jwt;');
    expect(await listTree(root)).toEqual(before);

    const real = await call(client, { cwd: root });
    expect(real.structured?.['written']).toEqual(dry.structured?.['planned']);
    // Idempotent, as annotated: the second call writes nothing.
    const again = await call(client, { cwd: root });
    expect(again.structured).toMatchObject({ written: [], planned: [] });
  });

  it('skips everything on a copy of the example', async () => {
    const example = await copyExample();
    const root = path.join(parent, 'example');
    await fs.cp(example, root, { recursive: true });
    const result = await call(client, { cwd: root });
    expect(result.structured).toMatchObject({
      written: [],
      skipped: [
        'supabase/migrations/00000_extensions.sql',
        'supabase/migrations/00001_core_functions.sql',
        '.kodo/config.json',
      ],
    });
  });

  it('answers an invalid config with isError and its one sentence', async () => {
    const root = await project({ '.kodo/config.json': '{ "stack": 1 }\n' });
    const before = await listTree(root);
    const answer = await call(client, { cwd: root });
    expect(answer.isError).toBe(true);
    expect(answer.text).toBe(
      '.kodo/config.json is invalid: stack: Invalid input: expected object, received number.',
    );
    expect(await listTree(root)).toEqual(before);
  });

  it('refuses a cwd outside its roots', async () => {
    const outside = await tempDir();
    const answer = await call(client, { cwd: outside });
    expect(answer.isError).toBe(true);
    expect(await listTree(outside)).toEqual([]);
  });
});
