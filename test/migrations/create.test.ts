// Creating migrations: names normalised, escapes refused, never overwriting, distinct versions under concurrency.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KodoError } from '../../src/core/errors.js';
import { createMigration } from '../../src/migrations/create.js';
import { normalizeMigrationName } from '../../src/versions/grammar.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const NOW = new Date('2025-06-01T12:00:00Z');
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

async function project(config?: unknown, files: string[] = []): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-create-'));
  dirs.push(root);
  if (config) {
    await fs.mkdir(path.join(root, '.kodo'));
    await fs.writeFile(path.join(root, '.kodo/config.json'), JSON.stringify(config));
  }
  for (const f of files) {
    await fs.mkdir(path.join(root, 'supabase/migrations'), { recursive: true });
    await fs.writeFile(path.join(root, 'supabase/migrations', f), '-- existing\n');
  }
  return root;
}

/** Every entry under root (relative), to prove that a refused request wrote nothing. */
async function tree(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true });
  return entries.map(String).sort();
}

async function migrationFiles(root: string): Promise<string[]> {
  return (await fs.readdir(path.join(root, 'supabase/migrations'))).sort();
}

describe('normalizeMigrationName', () => {
  it.each([
    ['add orders', 'add_orders'],
    ['  Add   Orders  ', 'add_orders'],
    ['addOrderItems', 'add_order_items'],
    ['add-orders.v2', 'add_orders_v2'],
    ['add_orders.sql', 'add_orders'],
    ['Créer la table élève', 'creer_la_table_eleve'],
    ['__users__rls__', 'users_rls'],
    ['🚀 launch day', 'launch_day'],
    ['2fa codes', '2fa_codes'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeMigrationName(input)).toBe(expected);
  });

  it('refuses names longer than 80 characters', () => {
    expect(() => normalizeMigrationName('x'.repeat(81))).toThrow(
      'Migration name is 81 characters long; keep it under 80.',
    );
  });
});

describe('createMigration refuses bad names and writes nothing', () => {
  it.each([
    ['../x', 'path separator'],
    ['a/b', 'path separator'],
    ['..\\x', 'path separator'],
    ['/etc/passwd', 'path separator'],
    ['..', 'path separator'],
    ['a\0b', 'path separator'],
    ['', 'has no letters or digits'],
    ['   ', 'has no letters or digits'],
    ['!!! ???', 'has no letters or digits'],
  ])('refuses %j', async (name, problem) => {
    const root = await project(HYBRID);
    const before = await tree(root);
    const error = await createMigration(root, { name, workspace: 'server' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KodoError);
    expect((error as KodoError).code).toBe('invalid-name');
    expect((error as KodoError).message).toContain(problem);
    expect((error as KodoError).message).toMatch(/^Migration name .*\.$/s);
    expect(await tree(root)).toEqual(before);
  });

  it.each([
    [{ workspace: 'nope' }, 'Unknown workspace "nope"'],
    [{}, 'This hybrid project has 2 workspaces, so name one'],
    [
      { workspace: 'server', template: 'table' as const, kind: 'behavior' as const },
      'The table template writes a schema migration',
    ],
    [{ workspace: 'server', template: 'empty' as const, table: {} }, 'A table spec needs the table template'],
    [{ workspace: 'server', table: { name: 'orders' } }, 'Table spec is invalid: table.comment: is missing'],
  ])('refuses %j with nothing written', async (request, message) => {
    const root = await project(HYBRID);
    const before = await tree(root);
    await expect(createMigration(root, { name: 'orders', ...request })).rejects.toThrow(message);
    expect(await tree(root)).toEqual(before);
  });

  it('refuses a project root that does not exist instead of creating it', async () => {
    const missing = path.join(os.tmpdir(), 'kodo-no-such-project', 'x');
    await expect(createMigration(missing, { name: 'x' })).rejects.toThrow(
      `Project root ${missing} is not a folder`,
    );
    await expect(fs.stat(missing)).rejects.toThrow();
  });
});

describe('createMigration', () => {
  it('writes the file in the workspace range and reports where', async () => {
    const root = await project(HYBRID, ['00000_extensions.sql', '00100_node_users.sql']);
    const created = await createMigration(root, { name: 'Add Orders', workspace: 'node', now: NOW });
    expect(created).toEqual({
      version: '00102',
      workspace: 'server',
      kind: 'schema',
      range: { start: '00100', end: '00199' },
      prefix: 'node',
      mode: 'hybrid',
      path: path.join(root, 'supabase/migrations/00102_node_add_orders.sql'),
      file: 'supabase/migrations/00102_node_add_orders.sql',
      name: 'add_orders',
      template: 'empty',
      files: [
        {
          path: path.join(root, 'supabase/migrations/00102_node_add_orders.sql'),
          file: 'supabase/migrations/00102_node_add_orders.sql',
          version: '00102',
          name: 'add_orders',
          kind: 'schema',
        },
      ],
    });
    expect(await fs.readFile(created.path, 'utf8')).toBe(
      '-- Migration: add_orders\n-- Created: 2025-06-01\n-- Purpose: <what this migration changes, and why>\n\n',
    );
  });

  it('does not repeat a prefix the name already has', async () => {
    const root = await project(HYBRID);
    expect(
      (await createMigration(root, { name: 'python events rls', workspace: 'api', kind: 'behavior' })).file,
    ).toBe('supabase/migrations/00201_python_events_rls.sql');
  });

  it('writes the bootstrap files at 00000 and 00001 by default', async () => {
    const root = await project(HYBRID);
    const ext = await createMigration(root, { name: 'extensions', template: 'extensions' });
    const core = await createMigration(root, { name: 'core functions', template: 'core_functions' });
    expect([ext.file, ext.kind, core.file, core.kind]).toEqual([
      'supabase/migrations/00000_extensions.sql',
      'schema',
      'supabase/migrations/00001_core_functions.sql',
      'behavior',
    ]);
    expect(await fs.readFile(core.path, 'utf8')).toContain('create or replace function public.get_org_id()');
  });

  it('uses a timestamp without a hybrid config', async () => {
    const root = await project(undefined, ['20250601120000_first.sql']);
    const created = await createMigration(root, { name: 'second', now: NOW });
    expect(created).toMatchObject({
      version: '20250601120001',
      file: 'supabase/migrations/20250601120001_second.sql',
    });
    expect(created.workspace).toBeNull();
  });

  it('generates a table from a spec: in hybrid mode the table, then its policies in the next odd file', async () => {
    const root = await project(HYBRID);
    const created = await createMigration(root, {
      name: 'create orders',
      workspace: 'server',
      table: { name: 'orders', comment: 'Orders.', columns: [], access: { owner: 'user_id' } },
    });
    expect(created).toMatchObject({ template: 'table', kind: 'schema', version: '00100' });
    expect(created.files.map((f) => [f.file, f.kind])).toEqual([
      ['supabase/migrations/00100_node_create_orders.sql', 'schema'],
      ['supabase/migrations/00101_node_orders_rls.sql', 'behavior'],
    ]);
    expect(await fs.readFile(created.files[1]!.path, 'utf8')).toContain(
      'create policy orders_update_own on public.orders',
    );
  });

  it('keeps a table in one file with timestamp versions, which have no even/odd rule', async () => {
    const root = await project();
    const created = await createMigration(root, {
      name: 'create orders',
      table: { name: 'orders', comment: 'Orders.', columns: [], access: { owner: 'user_id' } },
      now: NOW,
    });
    expect(created.files.map((f) => f.file)).toEqual([
      'supabase/migrations/20250601120000_create_orders.sql',
    ]);
    const sql = await fs.readFile(created.path, 'utf8');
    expect(sql).toContain('create table if not exists public.orders (');
    expect(sql).toContain('create policy orders_update_own on public.orders');
  });

  it('never overwrites: the same name twice gives two files, the first untouched', async () => {
    const root = await project(HYBRID);
    const first = await createMigration(root, { name: 'add orders', workspace: 'server' });
    await fs.writeFile(first.path, '-- my work\n');
    const second = await createMigration(root, { name: 'add orders', workspace: 'server' });
    expect([first.version, second.version]).toEqual(['00100', '00102']);
    expect(await fs.readFile(first.path, 'utf8')).toBe('-- my work\n');
  });

  it('errors, keeping what is there, when the target name is already taken', async () => {
    const root = await project(HYBRID);
    // A folder with the target's name is invisible to the version scan but still occupies the name.
    await fs.mkdir(path.join(root, 'supabase/migrations/00100_node_add_orders.sql'), { recursive: true });
    await fs.writeFile(path.join(root, 'supabase/migrations/00100_node_add_orders.sql/keep'), 'x');
    await expect(createMigration(root, { name: 'add orders', workspace: 'server' })).rejects.toThrow(
      'supabase/migrations/00100_node_add_orders.sql already exists and kodo never overwrites a migration; choose another name.',
    );
    expect(await migrationFiles(root)).toEqual(['00100_node_add_orders.sql']);
    expect(
      await fs.readFile(path.join(root, 'supabase/migrations/00100_node_add_orders.sql/keep'), 'utf8'),
    ).toBe('x');
  });
});

describe('concurrent creation', () => {
  it('gives 20 concurrent in-process creations 20 distinct versions', async () => {
    const root = await project(HYBRID);
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createMigration(root, { name: `change ${i}`, workspace: 'server' }),
      ),
    );
    const versions = created.map((c) => c.version).sort();
    expect(new Set(versions).size).toBe(20);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => String(100 + 2 * i).padStart(5, '0')));
    expect((await migrationFiles(root)).length).toBe(20);
  });

  it('gives concurrent timestamp creations distinct seconds', async () => {
    const root = await project();
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createMigration(root, { name: `change ${i}`, now: NOW })),
    );
    expect(new Set(created.map((c) => c.version)).size).toBe(20);
    expect(created.map((c) => c.version).sort()[19]).toBe('20250601120019');
  });

  describe('from separate processes', () => {
    let bundleDir: string;
    let script: string;
    beforeAll(async () => {
      // The script imports .sql templates, so it is bundled the way scripts/build.mjs bundles kodo.
      bundleDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-create-bundle-'));
      script = path.join(bundleDir, 'create.mjs');
      await build({
        entryPoints: [path.join(here, 'fixtures/create-in-process.ts')],
        outfile: script,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        loader: { '.sql': 'text' },
        logLevel: 'silent',
      });
    });
    afterAll(async () => {
      await fs.rm(bundleDir, { recursive: true, force: true });
    });

    it('never gives two processes the same version and leaves no temp files', async () => {
      const root = await project(HYBRID, ['00100_node_existing.sql']);
      const processes = 6;
      const each = 4;
      const runs = await Promise.all(
        Array.from({ length: processes }, (_, p) =>
          execa(process.execPath, [script, root, String(each), `p${p}`], { cwd: here, reject: false }),
        ),
      );
      for (const run of runs) expect(run.stderr).toBe('');
      const versions = runs.flatMap((r) => r.stdout.trim().split('\n'));
      expect(versions).toHaveLength(processes * each);
      expect(new Set(versions).size).toBe(processes * each);
      const files = await migrationFiles(root);
      expect(files).toHaveLength(processes * each + 1);
      expect(files.filter((f) => !/^001\d\d_node_.*\.sql$/.test(f))).toEqual([]);
      expect(new Set(files.map((f) => f.slice(0, 5))).size).toBe(files.length);
    });
  });
});
