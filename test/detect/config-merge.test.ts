// Config and files together: how workspaces are matched to folders, and every disagreement as a warning.
import { describe, expect, it } from 'vitest';
import { isKodoError } from '../../src/core/errors.js';
import { detectProject } from '../../src/detect/detect.js';
import { configJson, makeProject, packageJson } from './project.js';

const DRIZZLE_API = { 'services/api/package.json': packageJson({ 'drizzle-orm': '^0.44.5' }) };
const ALEMBIC = '[alembic]\nscript_location = alembic\n';

describe('config and file system', () => {
  it('joins a config workspace with its folder by path', async () => {
    const root = await makeProject({
      ...DRIZZLE_API,
      '.kodo/config.json': configJson({
        server: { language: 'typescript', orm: 'drizzle', path: './services/api/' },
      }),
    });
    const result = await detectProject(root);
    expect(result.mode).toBe('hybrid');
    expect(result.configFile).toBe('.kodo/config.json');
    expect(result.workspaces).toEqual([
      {
        name: 'server',
        language: 'typescript',
        orm: 'drizzle',
        migrationTool: 'drizzle-kit',
        migrationsDir: 'services/api/drizzle',
        range: { start: '00100', end: '00199' },
        source: 'config+filesystem',
        evidence: ['services/api/package.json: drizzle-orm ^0.44.5'],
        path: 'services/api',
        prefix: 'node',
        supported: true,
      },
    ]);
    expect(result.ranges.map((r) => `${r.workspace}:${r.range.start}-${r.range.end}`)).toEqual([
      'bootstrap:00000-00099',
      'server:00100-00199',
      'shared:00400-99999',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('keeps the configured ORM and warns when the files show another one', async () => {
    const root = await makeProject({
      ...DRIZZLE_API,
      '.kodo/config.json': configJson({
        api: { language: 'typescript', orm: 'sqlalchemy', path: 'services/api' },
      }),
    });
    const result = await detectProject(root);
    expect(result.workspaces[0]).toMatchObject({
      orm: 'sqlalchemy',
      migrationTool: 'alembic',
      migrationsDir: 'services/api/alembic/versions',
      source: 'config+filesystem',
      evidence: ['services/api/package.json: drizzle-orm ^0.44.5'],
    });
    expect(result.warnings).toEqual([
      {
        code: 'orm-mismatch',
        message:
          'Workspace "api" is configured with orm "sqlalchemy", but services/api shows drizzle (services/api/package.json: drizzle-orm ^0.44.5); correct stack.workspaces.api.database.orm.name in .kodo/config.json or the files.',
      },
    ]);
  });

  it('warns when the configured language disagrees with the files', async () => {
    const root = await makeProject({
      'svc/alembic.ini': ALEMBIC,
      '.kodo/config.json': configJson({
        svc: { language: 'rust', orm: 'sqlalchemy', path: 'svc', range: ['00500', '00599'] },
      }),
    });
    expect((await detectProject(root)).warnings).toEqual([
      {
        code: 'language-mismatch',
        message:
          'Workspace "svc" is configured as rust, but svc looks like python (svc/alembic.ini: script_location = alembic); correct stack.workspaces.svc.language in .kodo/config.json.',
      },
    ]);
  });

  it('warns when a configured path does not exist, and keeps the workspace from config', async () => {
    const root = await makeProject({
      '.kodo/config.json': configJson({
        api: { language: 'python', orm: 'sqlalchemy', path: 'services/nowhere' },
      }),
    });
    const result = await detectProject(root);
    expect(result.workspaces).toEqual([
      {
        name: 'api',
        language: 'python',
        orm: 'sqlalchemy',
        migrationTool: 'alembic',
        migrationsDir: 'services/nowhere/alembic/versions',
        range: { start: '00200', end: '00299' },
        source: 'config',
        evidence: [],
        path: 'services/nowhere',
        prefix: 'python',
        supported: true,
      },
    ]);
    expect(result.warnings).toEqual([
      {
        code: 'config-path-missing',
        message:
          'Workspace "api" has path "services/nowhere", which does not exist; fix stack.workspaces.api.path in .kodo/config.json.',
      },
    ]);
  });

  it('warns when a configured folder shows no evidence of its ORM', async () => {
    const root = await makeProject({
      'services/rt/README.md': 'no manifest yet\n',
      '.kodo/config.json': configJson({ rt: { language: 'rust', orm: 'sqlx', path: 'services/rt' } }),
    });
    const result = await detectProject(root);
    expect(result.workspaces[0]).toMatchObject({ source: 'config', migrationsDir: 'services/rt/migrations' });
    expect(result.warnings).toEqual([
      {
        code: 'orm-not-found',
        message:
          'Workspace "rt" is configured with sqlx, but services/rt shows no sqlx evidence; check stack.workspaces.rt.path and its orm name in .kodo/config.json.',
      },
    ]);
  });

  it('warns about a detected ORM service that no config workspace covers, suggesting a free range', async () => {
    const root = await makeProject({
      ...DRIZZLE_API,
      'services/analytics/alembic.ini': ALEMBIC,
      '.kodo/config.json': configJson({
        api: { language: 'typescript', orm: 'drizzle', path: 'services/api' },
      }),
    });
    const result = await detectProject(root);
    expect(result.workspaces.map((w) => [w.name, w.source, w.range])).toEqual([
      ['api', 'config+filesystem', { start: '00100', end: '00199' }],
      ['analytics', 'filesystem', null],
    ]);
    expect(result.warnings).toEqual([
      {
        code: 'unconfigured-workspace',
        message:
          'services/analytics uses sqlalchemy, but no workspace in .kodo/config.json points to it; add stack.workspaces.analytics with "path": "services/analytics" and serviceRange 00200-00299.',
      },
    ]);
  });

  it('matches workspaces without a path by folder name, then by ORM, then by language', async () => {
    const root = await makeProject({
      ...DRIZZLE_API,
      'py/worker/alembic.ini': ALEMBIC,
      'rs/engine/Cargo.toml': '[package]\nname = "engine"\n[dependencies]\nsqlx = "0.8"\n',
      '.kodo/config.json': configJson({
        api: { language: 'typescript', orm: 'drizzle' },
        jobs: { language: 'python', orm: 'alembic' },
        realtime: { language: 'rust', orm: null },
      }),
    });
    const result = await detectProject(root);
    expect(result.workspaces.map((w) => [w.name, w.path, w.orm, w.source])).toEqual([
      ['api', 'services/api', 'drizzle', 'config+filesystem'],
      ['jobs', 'py/worker', 'sqlalchemy', 'config+filesystem'],
      ['realtime', 'rs/engine', null, 'config+filesystem'],
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(['orm-mismatch']);
    expect(result.warnings[0]?.message).toContain(
      'Workspace "realtime" is configured with no ORM, but rs/engine shows sqlx',
    );
  });

  it('says which folder it chose when several fit, and when none does', async () => {
    const root = await makeProject({
      'a/package.json': packageJson({ 'drizzle-orm': '^0.44.0' }),
      'b/package.json': packageJson({ 'drizzle-orm': '^0.44.0' }),
      '.kodo/config.json': configJson({
        web: { language: 'typescript', orm: 'drizzle' },
        rt: { language: 'rust', orm: 'sqlx' },
      }),
    });
    const result = await detectProject(root);
    expect(result.workspaces.map((w) => [w.name, w.path, w.source])).toEqual([
      ['web', 'a', 'config+filesystem'],
      ['rt', null, 'config'],
      ['b', 'b', 'filesystem'],
    ]);
    expect(result.warnings).toEqual([
      {
        code: 'ambiguous-match',
        message:
          'Workspace "web" (drizzle) could be any of a, b; kodo chose a. Set stack.workspaces.web.path in .kodo/config.json.',
      },
      {
        code: 'workspace-unmatched',
        message:
          'Workspace "rt" (sqlx) matches no folder: kodo found no sqlx evidence for it. Set stack.workspaces.rt.path in .kodo/config.json to its folder.',
      },
      {
        code: 'unconfigured-workspace',
        message:
          'b uses drizzle, but no workspace in .kodo/config.json points to it; add stack.workspaces.b with "path": "b" and a free serviceRange.',
      },
    ]);
  });

  it('lets the config choose among several ORMs in one folder', async () => {
    const root = await makeProject({
      'api/package.json': packageJson({ '@prisma/client': '^6.1.0', 'drizzle-orm': '^0.44.0' }),
      '.kodo/config.json': configJson({ api: { language: 'typescript', orm: 'prisma', path: 'api' } }),
    });
    const result = await detectProject(root);
    expect(result.workspaces[0]).toMatchObject({
      orm: 'prisma',
      evidence: ['api/package.json: @prisma/client ^6.1.0'],
    });
    expect(result.warnings.map((w) => w.code)).toEqual(['unsupported-orm']);
  });

  it('without a config: supabase-only, file-system workspaces, no ranges', async () => {
    const root = await makeProject({
      ...DRIZZLE_API,
      'supabase/migrations/20240101000000_init.sql': 'select 1;\n',
    });
    const result = await detectProject(root);
    expect(result).toMatchObject({ mode: 'supabase-only', configFile: null, ranges: [], warnings: [] });
    expect(result.workspaces.map((w) => [w.name, w.range, w.prefix, w.source])).toEqual([
      ['api', null, null, 'filesystem'],
    ]);
  });

  it('an empty project: no workspaces, no warnings', async () => {
    const root = await makeProject({ 'README.md': '# empty\n' });
    expect(await detectProject(root)).toEqual({
      mode: 'supabase-only',
      configFile: null,
      workspaces: [],
      ranges: [],
      warnings: [],
    });
  });

  it('lets an invalid config fail with the KodoError naming the JSON path', async () => {
    const root = await makeProject({
      ...DRIZZLE_API,
      '.kodo/config.json': JSON.stringify({ stack: { workspaces: { api: { language: 42 } } } }),
    });
    const error = await detectProject(root).catch((e: unknown) => e);
    expect(isKodoError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'config-invalid', kind: 'input' });
    expect((error as Error).message).toContain('stack.workspaces.api.language');
  });
});
