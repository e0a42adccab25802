// Monorepos: several services at once, hoisted root dependencies, and folders the walk must never enter.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectProject } from '../../src/detect/detect.js';
import { SKIPPED_FOLDERS, scanProject } from '../../src/detect/scan.js';
import { makeProject, packageJson } from './project.js';

const DRIZZLE_CONFIG = "export default { dialect: 'postgresql', out: './drizzle' };\n";

describe('monorepo detection', () => {
  it('finds every service once, in path order, and ignores hoisted root dependencies', async () => {
    const root = await makeProject({
      'package.json': JSON.stringify({
        private: true,
        workspaces: ['apps/*'],
        devDependencies: { 'drizzle-kit': '^0.31.4' },
      }),
      'apps/api/package.json': packageJson({ 'drizzle-orm': '^0.44.5' }),
      'apps/api/drizzle.config.ts': DRIZZLE_CONFIG,
      'apps/web/package.json': packageJson({ next: '15.0.0' }),
      'services/analytics/alembic.ini': '[alembic]\nscript_location = alembic\n',
      'services/analytics/requirements.txt': 'sqlalchemy==2.0.36\nalembic==1.14.0\n',
      'crates/realtime/Cargo.toml':
        '[package]\nname = "realtime"\n[dependencies]\nsqlx = { version = "0.8", features = ["postgres"] }\n',
      'tools/admin/prisma/schema.prisma':
        'datasource db { provider = "postgresql" url = env("DATABASE_URL") }\n',
    });
    const result = await detectProject(root);
    expect(result.workspaces.map((w) => [w.name, w.path, w.language, w.orm, w.migrationsDir])).toEqual([
      ['api', 'apps/api', 'typescript', 'drizzle', 'apps/api/drizzle'],
      ['realtime', 'crates/realtime', 'rust', 'sqlx', 'crates/realtime/migrations'],
      ['analytics', 'services/analytics', 'python', 'sqlalchemy', 'services/analytics/alembic/versions'],
      ['admin', 'tools/admin', 'javascript', 'prisma', 'tools/admin/prisma/migrations'],
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(['unsupported-orm']);
  });

  it('gives two folders with the same name distinct workspace names', async () => {
    const root = await makeProject({
      'apps/api/package.json': packageJson({ 'drizzle-orm': '^0.44.0' }),
      'services/api/alembic.ini': '[alembic]\nscript_location = alembic\n',
    });
    const { workspaces } = await detectProject(root);
    expect(workspaces.map((w) => w.name)).toEqual(['apps-api', 'services-api']);
  });

  it('never reports evidence inside dependency, build or VCS folders', async () => {
    const files: Record<string, string> = { 'app/package.json': packageJson({ 'drizzle-orm': '^0.44.0' }) };
    for (const folder of SKIPPED_FOLDERS) {
      files[`${folder}/pkg/drizzle.config.ts`] = DRIZZLE_CONFIG;
      files[`app/${folder}/deep/drizzle.config.ts`] = DRIZZLE_CONFIG;
      files[`app/${folder}/alembic.ini`] = '[alembic]\nscript_location = alembic\n';
      files[`svc/${folder}/Cargo.toml`] = '[package]\nname="x"\n[dependencies]\nsqlx = "0.8"\n';
    }
    const root = await makeProject(files);
    const result = await detectProject(root);
    expect(result.workspaces.map((w) => [w.path, w.evidence])).toEqual([
      ['app', ['app/package.json: drizzle-orm ^0.44.0']],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('does not even read the skipped folders', async () => {
    const root = await makeProject({
      'app/package.json': '{}',
      'node_modules/a/b/package.json': '{}',
      'app/target/debug/build/x/Cargo.toml': '',
      'app/.venv/lib/python3.12/site-packages/alembic.ini': '',
      'app/venv/lib/alembic.ini': '',
      '.git/objects/package.json': '{}',
    });
    const read: string[] = [];
    const counting = {
      readdir: ((dir: string, ...rest: unknown[]) => {
        read.push(dir);
        return (fs.readdir as (...args: unknown[]) => void)(dir, ...rest);
      }) as typeof fs.readdir,
    };
    expect(await scanProject(root, { fs: counting })).toEqual(['app/package.json']);
    const skipped = read.filter((dir) => SKIPPED_FOLDERS.some((f) => dir.split(/[\\/]/).includes(f)));
    expect(skipped).toEqual([]);
    expect(read.length).toBeGreaterThan(0);
  });
});
