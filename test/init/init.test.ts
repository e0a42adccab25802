// kodo init's core: what it writes into an empty project, a copy of the example (everything there: all skipped),
// an existing config (only missing workspaces added, every key kept), and each reason to skip or refuse.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { initProject } from '../../src/init/init.js';
import { renderMigration } from '../../src/templates/templates.js';
import { copyExample, listTree, makeFiles, tempDir } from '../helpers/temp.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const EXTENSIONS = 'supabase/migrations/00000_extensions.sql';
const CORE = 'supabase/migrations/00001_core_functions.sql';
const CONFIG = '.kodo/config.json';

const read = (root: string, file: string) => fs.readFile(path.join(root, file), 'utf8');

/** A project with a Drizzle service and an Alembic service, as detect finds them. */
const SERVICES = {
  'services/web/package.json': JSON.stringify({
    dependencies: { 'drizzle-orm': '^0.44.0' },
    devDependencies: { 'drizzle-kit': '^0.31.0' },
  }),
  'services/web/drizzle.config.ts': "export default { dialect: 'postgresql', out: './drizzle' };\n",
  'services/api/alembic.ini': '[alembic]\nscript_location = alembic\n',
  'services/api/pyproject.toml':
    '[project]\nname = "api"\ndependencies = ["sqlalchemy>=2", "alembic>=1.14"]\n',
};

describe('kodo init on an empty project', () => {
  it('writes both bootstrap files from the templates and a hybrid config', async () => {
    const root = await tempDir();
    const result = await initProject(root, { now: NOW });
    expect(result).toMatchObject({
      dryRun: false,
      written: [EXTENSIONS, CORE, CONFIG],
      planned: [EXTENSIONS, CORE, CONFIG],
      skipped: [],
      workspaces: [],
    });
    // The same text as kodo new --template extensions|core_functions: one template, no copy.
    expect(await read(root, EXTENSIONS)).toBe(
      renderMigration({ template: 'extensions', name: 'extensions', created: NOW }),
    );
    expect(await read(root, CORE)).toBe(
      renderMigration({ template: 'core_functions', name: 'core_functions', created: NOW }),
    );
    expect(JSON.parse(await read(root, CONFIG))).toEqual({
      stack: {
        workspaces: {},
        sharedDatabase: { enabled: true, provider: 'supabase', serviceRanges: { bootstrap: '00000-00099' } },
      },
    });
    expect((await loadConfig(root)).mode).toBe('hybrid');
  });

  it('writes nothing the second time, and says why for each file', async () => {
    const root = await tempDir();
    await initProject(root, { now: NOW });
    const before = await listTree(root);
    const again = await initProject(root, { now: NOW });
    expect(again.written).toEqual([]);
    expect(again.skipped).toEqual([EXTENSIONS, CORE, CONFIG]);
    expect(again.files.map((f) => f.reason)).toEqual([
      `${EXTENSIONS} already exists; kodo never overwrites a migration.`,
      `${CORE} already exists; kodo never overwrites a migration.`,
      `${CONFIG} already lists every workspace kodo detected, so it is kept as it is.`,
    ]);
    expect(await listTree(root)).toEqual(before);
  });
});

describe('kodo init with services', () => {
  it('adds the detected workspaces with their language ranges', async () => {
    const root = await makeFiles(SERVICES);
    const result = await initProject(root, { now: NOW });
    expect(result.workspaces).toEqual([
      {
        name: 'api',
        language: 'python',
        orm: 'sqlalchemy',
        path: 'services/api',
        range: { start: '00200', end: '00299' },
        status: 'added',
        reason: null,
      },
      {
        name: 'web',
        language: 'typescript',
        orm: 'drizzle',
        path: 'services/web',
        range: { start: '00100', end: '00199' },
        status: 'added',
        reason: null,
      },
    ]);
    const config = JSON.parse(await read(root, CONFIG));
    expect(config.stack.workspaces.web).toEqual({
      language: 'typescript',
      path: 'services/web',
      database: {
        orm: { name: 'drizzle' },
        migrationStrategy: { type: 'hybrid', serviceRange: { start: '00100', end: '00199' } },
      },
    });
    expect(config.stack.languages).toEqual(['python', 'typescript']);
  });

  it('gives a second service of one language the next free hundred from 00500', async () => {
    const root = await makeFiles({
      ...SERVICES,
      'services/admin/package.json': JSON.stringify({
        dependencies: { 'drizzle-orm': '^0.44.0' },
        devDependencies: { 'drizzle-kit': '^0.31.0' },
      }),
      'services/admin/drizzle.config.ts': "export default { dialect: 'postgresql', out: './drizzle' };\n",
    });
    const result = await initProject(root, { now: NOW });
    expect(result.workspaces.map((w) => [w.name, w.range?.start])).toEqual([
      ['admin', '00100'],
      ['api', '00200'],
      ['web', '00500'],
    ]);
  });

  it('keeps an existing config as written and adds only the missing workspaces', async () => {
    const existing = {
      $schema: './schema.json',
      custom: { mine: true },
      stack: {
        workspaces: {
          web: {
            language: 'typescript',
            path: 'services/web',
            database: {
              orm: { name: 'drizzle' },
              migrationStrategy: { type: 'hybrid', serviceRange: { start: '00100', end: '00149' } },
            },
          },
        },
      },
      lint: { rules: { 'require-timestamps': 'off' } },
    };
    const root = await makeFiles({ ...SERVICES, [CONFIG]: JSON.stringify(existing) });
    const result = await initProject(root, { now: NOW });
    expect(result.files.find((f) => f.path === CONFIG)).toMatchObject({
      action: 'update',
      reason: `Adds the detected workspaces api with their ranges; everything already in ${CONFIG} is kept.`,
    });
    expect(result.workspaces.map((w) => [w.name, w.status, w.range?.start, w.range?.end])).toEqual([
      ['web', 'kept', '00100', '00149'],
      ['api', 'added', '00200', '00299'],
    ]);
    const config = JSON.parse(await read(root, CONFIG));
    expect(config).toMatchObject({ $schema: './schema.json', custom: { mine: true }, lint: existing.lint });
    expect(config.stack.workspaces.web).toEqual(existing.stack.workspaces.web);
    expect(Object.keys(config.stack.workspaces)).toEqual(['web', 'api']);
  });
});

describe('kodo init on a copy of the example', () => {
  it('skips both bootstrap files and the config, which are there already, and writes nothing', async () => {
    const root = await copyExample();
    const before = await listTree(root);
    const result = await initProject(root, { now: NOW });
    expect(result.written).toEqual([]);
    expect(result.skipped).toEqual([EXTENSIONS, CORE, CONFIG]);
    expect(result.workspaces.map((w) => `${w.name} ${w.status} ${w.range?.start}-${w.range?.end}`)).toEqual([
      'node-api kept 00100-00199',
      'python-analytics kept 00200-00299',
      'rust-realtime kept 00300-00399',
    ]);
    expect(await listTree(root)).toEqual(before);
  });
});

describe('kodo init --dry-run', () => {
  it('returns every file it would write with its content, and writes nothing', async () => {
    const root = await makeFiles(SERVICES);
    const before = await listTree(root);
    const dry = await initProject(root, { dryRun: true, now: NOW });
    expect(await listTree(root)).toEqual(before);
    expect(dry).toMatchObject({
      dryRun: true,
      written: [],
      skipped: [],
      planned: [EXTENSIONS, CORE, CONFIG],
    });
    // The plan is what a real run then writes.
    const real = await initProject(root, { now: NOW });
    for (const file of dry.files) expect(await read(root, file.path)).toBe(file.content);
    expect(real.written).toEqual(dry.planned);
  });
});

describe('kodo init skips or refuses, with the reason', () => {
  it('skips a bootstrap version another file holds', async () => {
    const root = await makeFiles({
      'supabase/migrations/00000_init.sql': 'create schema if not exists extensions;\n',
    });
    const result = await initProject(root, { now: NOW });
    expect(result.files[0]).toEqual({
      path: EXTENSIONS,
      action: 'skip',
      reason:
        'Version 00000 is already taken by supabase/migrations/00000_init.sql; check that it holds the extensions this file would, or write it under a free bootstrap version with kodo new --template extensions.',
      content: null,
    });
    expect(result.written).toEqual([CORE, CONFIG]);
  });

  it('skips a bootstrap file a later bootstrap version already follows (gaps are never filled)', async () => {
    const root = await makeFiles({ 'supabase/migrations/00002_roles.sql': 'select 1;\n' });
    const result = await initProject(root, { now: NOW });
    expect(result.files.slice(0, 2).map((f) => f.reason)).toEqual([
      'supabase/migrations/00002_roles.sql is already above 00000 in the bootstrap range, and a new 00000 would run before migrations a database may have applied; add what it lacks with kodo new --template extensions.',
      'supabase/migrations/00002_roles.sql is already above 00001 in the bootstrap range, and a new 00001 would run before migrations a database may have applied; add what it lacks with kodo new --template core_functions.',
    ]);
  });

  it('refuses an invalid config with its own error and writes nothing', async () => {
    const root = await makeFiles({
      [CONFIG]: '{"stack":{"workspaces":{"a":{"language":"typescript","database":{"orm":{"name":42}}}}}}\n',
    });
    const before = await listTree(root);
    await expect(initProject(root, { now: NOW })).rejects.toThrow(
      '.kodo/config.json is invalid: stack.workspaces.a.database.orm.name: Invalid input: expected string, received number.',
    );
    await expect(initProject(root, { now: NOW, dryRun: true })).rejects.toThrow(
      /^\.kodo\/config\.json is invalid/,
    );
    expect(await listTree(root)).toEqual(before);
  });

  it('refuses a folder of timestamp migrations and writes nothing', async () => {
    const root = await makeFiles({ 'supabase/migrations/20240101000000_first.sql': 'select 1;\n' });
    const before = await listTree(root);
    await expect(initProject(root, { now: NOW })).rejects.toThrow(
      'supabase/migrations/20240101000000_first.sql has a timestamp version, and hybrid numbers such as 00000 sort before it, so a database that applied it would have to run earlier versions; kodo init wrote nothing: keep timestamp versions (kodo new needs no init) or renumber the existing migrations into ranges first.',
    );
    expect(await listTree(root)).toEqual(before);
  });
});
