// The two doors onto the linter: `kodo lint` (formats, exit codes, bad input) and the MCP tool
// `validate_migrations` (files, folders, SQL not written yet).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lintCommand } from '../../src/cli/commands/lint.js';
import type { CliContext } from '../../src/cli/define.js';
import { isKodoError } from '../../src/core/errors.js';
import type { ToolContext } from '../../src/mcp/define.js';
import { validateMigrationsTool } from '../../src/mcp/tools/validate-migrations.js';

let root: string;

const TABLE = `create table public.notes (
  id bigint generated always as identity primary key,
  owner uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.notes is 'Notes.';
create index notes_owner_idx on public.notes (owner);
alter table public.notes enable row level security;
`;

async function write(name: string, text: string): Promise<void> {
  const file = path.join(root, 'supabase/migrations', name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

const cli = (): CliContext => ({ cwd: root, json: false, log: () => {}, interactive: false });
const tool = (): ToolContext => ({
  cwd: root,
  path: (p) => path.resolve(root, p),
  progress: async () => {},
  log: async () => {},
  signal: new AbortController().signal,
});

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-lint-doors-'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('kodo lint', () => {
  it('lints supabase/migrations by default and exits 1 on an error-level finding', async () => {
    await write('00001_notes.sql', TABLE);
    await write('00002_broken.sql', 'create tabel x (id int);\n');
    const result = await lintCommand.run([], { format: 'text' }, cli());
    expect(result.exitCode).toBe(1);
    expect(result.text).toContain(
      'supabase/migrations/00002_broken.sql:1:8 error [syntax-error] Syntax error at or near "tabel".',
    );
    expect(result.text).toContain('  1 | create tabel x (id int);\n    |        ^');
    expect(result.data).toMatchObject({ summary: { files: 2, statements: 4, errors: 1 } });
  });

  it('exits 0 when only warnings and infos are found, and prints json, sarif and github', async () => {
    await write('00001_notes.sql', TABLE);
    const json = await lintCommand.run([], { format: 'json' }, cli());
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.text)).toEqual(json.data);
    const data = json.data as { findings: { rule: string }[] };
    expect(data.findings.map((f) => f.rule)).toEqual(['rls-enabled-no-policy']);
    const sarif = JSON.parse((await lintCommand.run([], { format: 'sarif' }, cli())).text);
    expect(sarif.version).toBe('2.1.0');
    const github = (await lintCommand.run([], { format: 'github' }, cli())).text;
    expect(github).toMatch(
      /^::notice file=supabase\/migrations\/00001_notes.sql,line=9,col=1,title=rls-enabled-no-policy::/,
    );
  });

  it('--json is --format json', async () => {
    await write('00001_notes.sql', TABLE);
    const result = await lintCommand.run([], { format: 'text' }, { ...cli(), json: true });
    expect(result.text.startsWith('{')).toBe(true);
  });

  it('lints a named file with the earlier migrations as context, reporting only that file', async () => {
    await write('00001_notes.sql', TABLE);
    await write(
      '00002_policy.sql',
      'create policy "own" on public.notes for all to authenticated using ((select auth.uid()) = owner);\n',
    );
    await write('00003_later.sql', 'create table public.later (x int);\n');
    const result = await lintCommand.run(['supabase/migrations/00002_policy.sql'], { format: 'json' }, cli());
    expect(result.data).toMatchObject({ findings: [], summary: { files: 1, statements: 1 } });
  });

  it('refuses a path that does not exist and a project without migrations (exit 2)', async () => {
    for (const args of [['nope.sql'], []]) {
      const error = await lintCommand.run(args, { format: 'text' }, cli()).catch((e: unknown) => e);
      expect(isKodoError(error) && error.kind === 'input').toBe(true);
    }
  });

  it('reports unknown rule names in .kodo/config.json and honours configured severities', async () => {
    await write('00001_notes.sql', TABLE);
    await fs.mkdir(path.join(root, '.kodo'));
    await fs.writeFile(
      path.join(root, '.kodo/config.json'),
      '{\n  "lint": { "rules": { "rls-enabled-no-policy": "error", "no-such-rule": "off" } }\n}\n',
    );
    const result = await lintCommand.run([], { format: 'json' }, cli());
    const findings = (
      result.data as { findings: { rule: string; severity: string; file: string; line: number }[] }
    ).findings;
    expect(findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([
      ['unknown-rule', 'warning', '.kodo/config.json', 2],
      ['rls-enabled-no-policy', 'error', 'supabase/migrations/00001_notes.sql', 9],
    ]);
    expect(result.exitCode).toBe(1);
  });
});

describe('validate_migrations', () => {
  const output = z.object(validateMigrationsTool.outputSchema);

  it('lints SQL not written yet after the existing migrations', async () => {
    await write('00001_notes.sql', TABLE);
    const result = await validateMigrationsTool.handler(
      { sql: 'create policy "own" on public.notes for select to authenticated using (auth.uid() = owner);' },
      tool(),
    );
    expect(output.parse(result)).toEqual(result);
    expect(result.summary.files).toBe(2);
    // The table's missing policy is fixed by the pending SQL; what remains is about the new SQL itself.
    expect(result.findings.map((f) => [f.rule, f.file])).toContainEqual([
      'rls-missing-command-policy',
      'supabase/migrations/00001_notes.sql',
    ]);
    expect(result.findings.some((f) => f.rule === 'rls-enabled-no-policy')).toBe(false);
    expect(result.findings.every((f) => f.rule !== 'migration-filename')).toBe(true);
  });

  it('lints SQL alone when the project has no migrations, under the name given', async () => {
    const result = await validateMigrationsTool.handler(
      { sql: 'create table t (id int primary key', name: '00100_node_t.sql' },
      tool(),
    );
    expect(result.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ['syntax-error', 'supabase/migrations/00100_node_t.sql', 1],
    ]);
  });

  it('is read-only and idempotent', () => {
    expect(validateMigrationsTool.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(Buffer.byteLength(validateMigrationsTool.description)).toBeLessThan(2048);
  });
});
