// What a second, independent attack on the MCP server found, each over stdio with the SDK client: a megabyte-long
// argument froze the server (quadratic redaction, and the argument echoed whole), a FIFO among detect's evidence
// files hung it, and a config or evidence file linked out of the project showed another folder's contents.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio } from '../helpers/mcp.js';
import { makeFiles, tempDir } from '../helpers/temp.js';

const SECRET = 'OUTSIDE_SECRET_words_here';
const text = (r: unknown) => (r as { content: Array<{ text: string }> }).content[0]?.text ?? '';

describe('MCP server: a second attack', () => {
  let root: string;
  let client: Client;
  let outside: string;

  beforeAll(async () => {
    root = await makeFiles({
      'supabase/migrations/.gitkeep': '',
      'svc/Cargo.toml':
        '[package]\nname = "svc"\nversion = "0.1.0"\n[dependencies]\nsqlx = { version = "0.8", features = ["postgres"] }\n',
    });
    outside = await tempDir('kodo-outside-');
    await fs.writeFile(path.join(outside, 'sqlx.toml'), `[migrate]\nmigrations-dir = "${SECRET}"\n`);
    await fs.mkdir(path.join(root, 'svc', 'src'));
    execFileSync('mkfifo', [path.join(root, 'svc', 'src', 'main.rs')]);
    await fs.symlink(path.join(outside, 'sqlx.toml'), path.join(root, 'svc', 'sqlx.toml'));
    client = await connectStdio(root);
  });
  afterAll(async () => {
    await client.close();
  });

  it('answers a call with a 1 MB argument at once, quoting 80 characters of it, and keeps serving', async () => {
    const started = Date.now();
    const result = await client.callTool(
      { name: 'allocate_version', arguments: { workspace: 'x'.repeat(1_000_000), kind: 'schema' } },
      undefined,
      { timeout: 20_000 },
    );
    expect(result.isError).toBe(true);
    expect(text(result)).toBe(
      `Unknown workspace "${'x'.repeat(80)}…": this project has no hybrid config (versions are timestamps), so omit the workspace.`,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    await client.ping();
  }, 30_000);

  it('reads no FIFO and nothing linked out of the project among detect evidence', async () => {
    const result = await client.callTool({ name: 'detect_orm', arguments: {} }, undefined, {
      timeout: 20_000,
    });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result)).not.toContain(SECRET);
    const svc = (result.structuredContent as { workspaces: Array<{ name: string; migrationsDir: string }> })
      .workspaces;
    expect(svc.map((w) => [w.name, w.migrationsDir])).toEqual([['svc', 'svc/migrations']]);
  }, 30_000);

  it('refuses a config linked out of the project without quoting it, and NUL bytes in paths by name', async () => {
    const project = await makeFiles({ 'supabase/migrations/.gitkeep': '' });
    await fs.writeFile(path.join(outside, 'config.json'), `{"stack": {"note": "${SECRET}"}}`);
    await fs.mkdir(path.join(project, '.kodo'));
    await fs.symlink(path.join(outside, 'config.json'), path.join(project, '.kodo', 'config.json'));
    const linked = await connectStdio(project);
    try {
      const result = await linked.callTool({ name: 'detect_orm', arguments: {} });
      expect([result.isError, text(result)]).toEqual([
        true,
        '.kodo/config.json is a link that leads outside the project; copy the config into the project instead.',
      ]);
      const nul = await linked.callTool({ name: 'validate_migrations', arguments: { paths: ['x\u0000y'] } });
      expect([nul.isError, text(nul)]).toEqual([true, 'paths[0] contains a NUL byte; pass a plain path.']);
    } finally {
      await linked.close();
    }
  });
});
