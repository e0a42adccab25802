// kodo init as a process: --dry-run prints the plan and the config and writes nothing (the tree listed before and
// after), the real run and its --json, a second run that writes nothing, and exit 2 on an invalid config.
import { describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { copyExample, listTree, makeFiles, migrationFiles, tempDir } from '../helpers/temp.js';

describe('kodo init', () => {
  it('--dry-run shows the files and the config JSON, and writes nothing', async () => {
    const root = await makeFiles({
      'services/api/alembic.ini': '[alembic]\nscript_location = alembic\n',
      'services/api/pyproject.toml':
        '[project]\nname = "api"\ndependencies = ["sqlalchemy>=2", "alembic>=1.14"]\n',
    });
    const before = await listTree(root);
    const run = await runKodo(['init', '--dry-run', '--cwd', root]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      'would create supabase/migrations/00000_extensions.sql: Bootstrap migration: the extensions every service relies on.',
      'would create supabase/migrations/00001_core_functions.sql: Bootstrap migration: handle_updated_at() and get_org_id().',
      'would create .kodo/config.json: Hybrid config with the detected workspaces api and their ranges.',
      'workspace api (python, sqlalchemy) 00200-00299: would be added',
    ]);
    expect(run.stdout).toContain('.kodo/config.json:\n{\n  "stack": {');
    expect(run.stdout).toMatch(/"serviceRange": \{\n\s+"start": "00200",\n\s+"end": "00299"\n/);
    expect(run.stdout.trimEnd().endsWith('Dry run: nothing was written.')).toBe(true);
    expect(await listTree(root)).toEqual(before);
  });

  it('writes the bootstrap files and config, lint-clean, then nothing the second time', async () => {
    const root = await tempDir();
    const first = await runKodoJson<{ written: string[]; skipped: string[] }>(['init', '--cwd', root]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json.written).toEqual([
      'supabase/migrations/00000_extensions.sql',
      'supabase/migrations/00001_core_functions.sql',
      '.kodo/config.json',
    ]);
    const lint = await runKodoJson<{ findings: unknown[] }>(['lint', '--cwd', root]);
    expect(lint.json.findings).toEqual([]);
    const before = await listTree(root);
    const second = await runKodo(['init', '--cwd', root]);
    expect(second.code).toBe(0);
    expect(second.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Nothing to do: everything kodo init writes is there already.',
    );
    expect(await listTree(root)).toEqual(before);
  });

  it('skips the example, which has both bootstrap files and a config', async () => {
    const root = await copyExample();
    const files = await migrationFiles(root);
    const run = await runKodoJson<{ written: string[]; skipped: string[] }>(['init', '--cwd', root]);
    expect(run.json).toMatchObject({
      written: [],
      skipped: [
        'supabase/migrations/00000_extensions.sql',
        'supabase/migrations/00001_core_functions.sql',
        '.kodo/config.json',
      ],
    });
    expect(await migrationFiles(root)).toEqual(files);
  });

  it('exits 2 with one error line on an invalid config', async () => {
    const root = await makeFiles({ '.kodo/config.json': '{ "stack": 1 }\n' });
    const run = await runKodo(['init', '--cwd', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: .kodo/config.json is invalid: stack: Invalid input: expected object, received number.',
    );
  });
});

describe('kodo new in hybrid mode (the table pair and --version)', () => {
  it('writes the table pair after the example files, lint-clean', async () => {
    const root = await copyExample();
    const run = await runKodoJson<{ files: { file: string }[] }>([
      'new',
      'create invoices',
      '--template',
      'table',
      '--workspace',
      'node-api',
      '--cwd',
      root,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.files.map((f) => f.file)).toEqual([
      'supabase/migrations/00104_node_create_invoices.sql',
      'supabase/migrations/00105_node_invoices_rls.sql',
    ]);
    const lint = await runKodoJson<{ findings: unknown[] }>(['lint', '--cwd', root]);
    expect(lint.json.findings).toEqual([]);
  });

  it("--version is new's own option: accepted, or refused with the version to use", async () => {
    const root = await copyExample();
    const ok = await runKodo(['new', 'x', '--workspace', 'node', '--version', '00110', '--cwd', root]);
    expect(ok.stdout).toBe(
      'Created supabase/migrations/00110_node_x.sql (version 00110, node range 00100-00199, schema)',
    );
    const refused = await runKodo(['new', 'y', '--workspace', 'node', '--version', '00102', '--cwd', root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'error: Version 00102 is already taken by supabase/migrations/00102_node_admins_and_partners.sql; use 00112.',
    );
    expect((await runKodo(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
