// Convention tests over every MCP tool, through the real SDK client over stdio (spawned as .mcp.json does).
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools as registry } from '../../src/mcp/tools/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { connectStdio } from '../helpers/mcp.js';

let client: Client;
let listed: Awaited<ReturnType<Client['listTools']>>['tools'];

beforeAll(async () => {
  client = await connectStdio(REPO_ROOT);
  listed = (await client.listTools()).tools;
});
afterAll(async () => {
  await client?.close();
});

describe('tools/list over stdio', () => {
  it('lists exactly the registered tools', () => {
    expect(listed.map((t) => t.name).sort()).toEqual(registry.map((t) => t.name).sort());
    expect(listed.length).toBeGreaterThan(0);
  });

  it('names every tool in snake_case, from the contract', () => {
    const contract = [
      'detect_orm',
      'allocate_version',
      'create_migration',
      'validate_migrations',
      'check_migrations',
      'migration_status',
      'apply_migrations',
      'repair_history',
      'reset_database',
      'get_advisors',
      'diff_schema',
      'squash_migrations',
      'sync_orm',
      'init_hybrid',
      'generate_rollback',
      'test_rls',
    ];
    for (const tool of listed) expect(contract).toContain(tool.name);
  });

  it('gives every tool a plain-object input schema with an optional cwd, an output schema and all four annotations', () => {
    for (const tool of listed) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(Object.keys(tool.inputSchema.properties ?? {}), tool.name).toContain('cwd');
      expect(tool.inputSchema.required ?? [], tool.name).not.toContain('cwd');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      const a = tool.annotations ?? {};
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof a[hint], `${tool.name}.${hint}`).toBe('boolean');
      }
      if (a.readOnlyHint) expect(a.destructiveHint, tool.name).toBe(false);
    }
  });

  it('keeps every description under 2 KB and the instructions under 2 KB', () => {
    for (const tool of listed) {
      expect(tool.description?.length ?? 0, tool.name).toBeGreaterThan(40);
      expect(Buffer.byteLength(tool.description ?? ''), tool.name).toBeLessThan(2048);
    }
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toContain('detect_orm');
    expect(Buffer.byteLength(instructions)).toBeLessThan(2048);
  });

  it('answers arguments of the wrong type with isError and a message, not a protocol failure', async () => {
    for (const tool of listed) {
      const result = await client.callTool({ name: tool.name, arguments: { cwd: 42 } });
      expect(result.isError, tool.name).toBe(true);
      const text = (result.content as { type: string; text: string }[])[0]?.text ?? '';
      expect(text, tool.name).toMatch(/cwd/);
    }
  });
});
