// The two doors onto allocation and creation: the MCP tools (schemas, results that satisfy their output
// schema) and the CLI commands (options parsed by commander, text and JSON results).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allocateCommand } from '../../src/cli/commands/allocate.js';
import { newCommand } from '../../src/cli/commands/new.js';
import type { CommandDefinition, CommandResult } from '../../src/cli/define.js';
import type { ToolContext } from '../../src/mcp/define.js';
import { allocateVersionTool } from '../../src/mcp/tools/allocate-version.js';
import { createMigrationTool } from '../../src/mcp/tools/create-migration.js';

const HYBRID = {
  stack: {
    workspaces: {
      server: { language: 'typescript', database: { orm: { name: 'drizzle' } } },
      api: { language: 'python', database: { orm: { name: 'sqlalchemy' } } },
    },
  },
};

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function project(config: unknown = HYBRID): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-doors-'));
  dirs.push(root);
  await fs.mkdir(path.join(root, '.kodo'));
  await fs.writeFile(path.join(root, '.kodo/config.json'), JSON.stringify(config));
  return root;
}

const ctx = (cwd: string): ToolContext => ({
  cwd,
  path: (p) => path.resolve(cwd, p),
  progress: async () => undefined,
  log: async () => undefined,
  signal: new AbortController().signal,
});

/** Parses argv with commander the way src/cli/main.ts wires a command, and runs it. */
async function cli(def: CommandDefinition, cwd: string, argv: string[]): Promise<CommandResult> {
  let result: CommandResult | undefined;
  const program = new Command('kodo').exitOverride().configureOutput({ writeErr: () => undefined });
  def
    .configure(program.command(def.name))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    .action(async (...raw: unknown[]) => {
      const command = raw[raw.length - 1] as Command;
      result = await def.run(command.args, command.opts(), {
        cwd,
        json: false,
        log: () => undefined,
        interactive: false,
      });
    });
  await program.parseAsync(['node', 'kodo', def.name, ...argv]);
  if (!result) throw new Error('the command did not run');
  return result;
}

describe('MCP tools', () => {
  it.each([allocateVersionTool, createMigrationTool])('$name has JSON-representable schemas', (tool) => {
    const input = z.toJSONSchema(z.object(tool.inputSchema));
    expect(input.type).toBe('object');
    expect(z.toJSONSchema(z.object(tool.outputSchema)).type).toBe('object');
  });

  it('allocate_version answers within the output schema and writes nothing', async () => {
    const root = await project();
    const result = await allocateVersionTool.handler({ workspace: 'python', kind: 'behavior' }, ctx(root));
    expect(z.object(allocateVersionTool.outputSchema).parse(result)).toEqual({
      version: '00201',
      workspace: 'api',
      kind: 'behavior',
      range: { start: '00200', end: '00299' },
      prefix: 'python',
      mode: 'hybrid',
    });
    expect(await fs.readdir(root)).toEqual(['.kodo']);
  });

  it('create_migration takes a typed table spec and answers within the output schema', async () => {
    const root = await project();
    const input = z.object(createMigrationTool.inputSchema).parse({
      name: 'create orders',
      workspace: 'server',
      table: {
        name: 'orders',
        comment: 'Orders.',
        columns: [{ name: 'total', type: 'bigint' }],
        access: { owner: 'user_id' },
      },
    });
    const result = await createMigrationTool.handler(input, ctx(root));
    expect(z.object(createMigrationTool.outputSchema).parse(result)).toMatchObject({
      file: 'supabase/migrations/00100_node_create_orders.sql',
      template: 'table',
    });
    expect(await fs.readFile(result.path, 'utf8')).toContain('  total bigint not null,');
  });

  it('create_migration rejects a malformed table spec before the handler runs', () => {
    const parsed = z
      .object(createMigrationTool.inputSchema)
      .safeParse({ name: 'x', table: { name: 'orders' } });
    expect(parsed.success).toBe(false);
  });

  it('describes its tools honestly', () => {
    expect(allocateVersionTool.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(createMigrationTool.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    });
  });
});

describe('CLI commands', () => {
  it('kodo allocate prints the version and its range', async () => {
    const root = await project();
    const result = await cli(allocateCommand, root, ['--workspace', 'server', '--kind', 'behavior']);
    expect(result.text).toBe('00101 (node range 00100-00199, behavior)');
    expect(result.data).toMatchObject({ version: '00101', workspace: 'server', kind: 'behavior' });
  });

  it('kodo allocate refuses an unknown kind as bad usage', async () => {
    const root = await project();
    await expect(cli(allocateCommand, root, ['--workspace', 'server', '--kind', 'rls'])).rejects.toThrow(
      /argument 'rls' is invalid/,
    );
  });

  it('kodo new creates the file and says where', async () => {
    const root = await project();
    const result = await cli(newCommand, root, ['Add Orders', '--workspace', 'node']);
    expect(result.text).toBe(
      'Created supabase/migrations/00100_node_add_orders.sql (version 00100, node range 00100-00199, schema)',
    );
    expect(result.data).toMatchObject({
      path: path.join(root, 'supabase/migrations/00100_node_add_orders.sql'),
      version: '00100',
      name: 'add_orders',
    });
  });

  it('kodo new --table-spec reads a JSON file', async () => {
    const root = await project();
    const spec = path.join(root, 'orders.json');
    await fs.writeFile(
      spec,
      JSON.stringify({ name: 'orders', comment: 'Orders.', columns: [], access: { org: 'org_id' } }),
    );
    const result = await cli(newCommand, root, ['orders', '--workspace', 'api', '--table-spec', spec]);
    expect(result.data).toMatchObject({
      file: 'supabase/migrations/00200_python_orders.sql',
      template: 'table',
    });
  });

  it('kodo new --table-spec reports JSON syntax errors with their position and writes nothing', async () => {
    const root = await project();
    const spec = path.join(root, 'bad.json');
    await fs.writeFile(spec, '{\n  "name": "orders",\n}');
    await expect(
      cli(newCommand, root, ['orders', '--workspace', 'api', '--table-spec', spec]),
    ).rejects.toThrow(
      `Table spec ${spec} is not valid JSON: expected a property name in double quotes but found "}" at line 3, column 1; fix the syntax.`,
    );
    await expect(fs.stat(path.join(root, 'supabase'))).rejects.toThrow();
  });

  it('kodo new --table-spec reports a missing file', async () => {
    const root = await project();
    await expect(
      cli(newCommand, root, ['orders', '--table-spec', path.join(root, 'none.json')]),
    ).rejects.toThrow(/^Table spec .*none\.json cannot be read \(.*\); check the path\.$/);
  });

  it('kodo new refuses an unknown template as bad usage', async () => {
    const root = await project();
    await expect(cli(newCommand, root, ['x', '--template', 'view'])).rejects.toThrow(
      /argument 'view' is invalid/,
    );
  });
});
