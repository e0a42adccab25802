// The two doors onto detection: the `detect_orm` MCP tool definition and the `kodo detect` command.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDetect } from '../../src/cli/commands/detect.js';
import { commands } from '../../src/cli/commands/index.js';
import { detectProject, detectResultSchema } from '../../src/detect/detect.js';
import type { ToolContext } from '../../src/mcp/define.js';
import { tools } from '../../src/mcp/tools/index.js';
import { makeProject, packageJson } from './project.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/hybrid-saas');

function toolContext(cwd: string): ToolContext {
  return {
    cwd,
    path: (p) => path.resolve(cwd, p),
    progress: async () => undefined,
    log: async () => undefined,
    signal: new AbortController().signal,
  };
}

describe('detect_orm tool', () => {
  const tool = tools.find((t) => t.name === 'detect_orm');

  it('is registered, read-only, idempotent, closed-world, with a description under 2 KB', () => {
    expect(tool).toBeDefined();
    expect(tool?.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(Buffer.byteLength(tool?.description ?? '', 'utf8')).toBeLessThan(2048);
    expect(tool?.description).toMatch(/^Call this first/);
  });

  it('returns the detection result, valid against its output schema', async () => {
    const result = await tool!.handler({}, toolContext(EXAMPLE));
    expect(detectResultSchema.parse(result)).toEqual(await detectProject(EXAMPLE));
  });
});

describe('kodo detect', () => {
  const command = commands.find((c) => c.name === 'detect')!;

  it('gives the detection result as its --json document', async () => {
    const out = await command.run(
      [],
      {},
      { cwd: EXAMPLE, json: true, log: () => undefined, interactive: false },
    );
    expect(out.exitCode).toBe(0);
    expect(out.data).toEqual(await detectProject(EXAMPLE));
  });

  it('prints a table of workspaces with ranges, their evidence and the other ranges', async () => {
    const text = renderDetect(await detectProject(EXAMPLE));
    expect(text.split('\n').slice(0, 6)).toEqual([
      'Mode: hybrid: versions come from each workspace range (.kodo/config.json)',
      '',
      'workspace         language    orm         tool         range               migrations                                  source',
      'node-api          typescript  drizzle     drizzle-kit  00100-00199 node    services/node-api/drizzle/migrations        config+filesystem',
      'python-analytics  python      sqlalchemy  alembic      00200-00299 python  services/python-analytics/alembic/versions  config+filesystem',
      'rust-realtime     rust        sqlx        sqlx-cli     00300-00399 rust    services/rust-realtime/migrations           config+filesystem',
    ]);
    expect(text).toContain('Other ranges: bootstrap 00000-00099, shared 00400-99999 shared\n');
    expect(text).toContain(
      '  rust-realtime (services/rust-realtime)\n    services/rust-realtime/Cargo.toml: sqlx 0.8 (postgres)\n',
    );
    expect(text).not.toContain('Warnings:');
  });

  it('marks unsupported ORMs and lists warnings', async () => {
    const root = await makeProject({ 'web/package.json': packageJson({ prisma: '^6.1.0' }) });
    const text = renderDetect(await detectProject(root));
    expect(text).toContain('Mode: supabase-only: versions are UTC timestamps (no .kodo/config.json)');
    expect(text).toMatch(
      /^web +javascript +prisma \* +prisma +timestamps +web\/prisma\/migrations +filesystem$/m,
    );
    expect(text).toContain('* detected, but kodo cannot sync it yet');
    expect(text).toContain('Warnings:\n  [unsupported-orm] Workspace "web" uses prisma (web)');
  });

  it('says so when there is nothing to show', async () => {
    const text = renderDetect(await detectProject(await makeProject({})));
    expect(text).toContain('No workspaces: no config workspace and no ORM found in the project files.');
  });
});
