// Tools kodo recognises but cannot sync yet: each is reported with an unsupported-orm warning.
import { describe, expect, it } from 'vitest';
import { detectProject } from '../../src/detect/detect.js';
import { makeProject, packageJson } from './project.js';

describe('detected but not yet supported tools', () => {
  it('reports Prisma with its migrations folder and an exact warning', async () => {
    const root = await makeProject({
      'apps/web/package.json': packageJson(
        { '@prisma/client': '^6.1.0' },
        { prisma: '^6.1.0', typescript: '^5.9.0' },
      ),
      'apps/web/prisma/schema.prisma':
        'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
    });
    const result = await detectProject(root);
    expect(result.workspaces).toEqual([
      {
        name: 'web',
        language: 'typescript',
        orm: 'prisma',
        migrationTool: 'prisma',
        migrationsDir: 'apps/web/prisma/migrations',
        range: null,
        source: 'filesystem',
        evidence: [
          'apps/web/package.json: @prisma/client ^6.1.0',
          'apps/web/package.json: prisma ^6.1.0',
          'apps/web/prisma/schema.prisma: Prisma schema',
        ],
        path: 'apps/web',
        prefix: null,
        supported: false,
      },
    ]);
    expect(result.warnings).toEqual([
      {
        code: 'unsupported-orm',
        message:
          'Workspace "web" uses prisma (apps/web), which kodo detects but cannot sync yet; write its schema changes as SQL migrations in supabase/migrations (kodo new).',
      },
    ]);
  });

  const cases: [string, Record<string, string>, string, string][] = [
    [
      'TypeORM',
      { 'svc/package.json': packageJson({ typeorm: '^0.3.20' }) },
      'typeorm',
      'svc/package.json: typeorm ^0.3.20',
    ],
    ['TypeORM config', { 'svc/ormconfig.json': '{}' }, 'typeorm', 'svc/ormconfig.json: TypeORM config'],
    ['Knex', { 'svc/knexfile.ts': 'export default {};' }, 'knex', 'svc/knexfile.ts: Knex config'],
    [
      'Kysely',
      { 'svc/package.json': packageJson({}, { 'kysely-ctl': '^0.10.0' }) },
      'kysely',
      'svc/package.json: kysely-ctl ^0.10.0',
    ],
    [
      'node-pg-migrate',
      { 'svc/package.json': packageJson({ 'node-pg-migrate': '^7.0.0' }) },
      'node-pg-migrate',
      'svc/package.json: node-pg-migrate ^7.0.0',
    ],
    [
      'Sequelize',
      { 'svc/package.json': packageJson({ sequelize: '^6.37.0' }) },
      'sequelize',
      'svc/package.json: sequelize ^6.37.0',
    ],
    [
      'MikroORM',
      { 'svc/mikro-orm.config.ts': 'export default {};' },
      'mikro-orm',
      'svc/mikro-orm.config.ts: MikroORM config',
    ],
    [
      'dbmate (npm)',
      { 'svc/package.json': packageJson({}, { dbmate: '^2.21.0' }) },
      'dbmate',
      'svc/package.json: dbmate ^2.21.0',
    ],
    [
      'goose',
      {
        'svc/go.mod':
          'module example.com/svc\n\ngo 1.22\n\nrequire (\n\tgithub.com/pressly/goose/v3 v3.22.1\n\tgithub.com/lib/pq v1.10.9 // indirect\n)\n',
      },
      'goose',
      'svc/go.mod: github.com/pressly/goose/v3 v3.22.1',
    ],
    [
      'golang-migrate',
      { 'svc/go.mod': 'module x\n\nrequire github.com/golang-migrate/migrate/v4 v4.18.1\n' },
      'golang-migrate',
      'svc/go.mod: github.com/golang-migrate/migrate/v4 v4.18.1',
    ],
    [
      'Flyway',
      { 'svc/flyway.conf': 'flyway.locations=filesystem:sql\n' },
      'flyway',
      'svc/flyway.conf: Flyway config',
    ],
    [
      'Flyway (Maven)',
      {
        'svc/pom.xml':
          '<project><dependencies><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency></dependencies></project>',
      },
      'flyway',
      'svc/pom.xml: org.flywaydb',
    ],
  ];

  it.each(cases)('recognises %s', async (_label, files, orm, evidence) => {
    const result = await detectProject(await makeProject(files));
    expect(result.workspaces.map((w) => [w.name, w.orm, w.supported, w.evidence])).toEqual([
      ['svc', orm, false, [evidence]],
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(['unsupported-orm']);
  });

  it('keeps a supported ORM first when a folder shows two, and says so', async () => {
    const root = await makeProject({
      'api/package.json': packageJson({ '@prisma/client': '^6.1.0', 'drizzle-orm': '^0.44.0' }),
    });
    const result = await detectProject(root);
    expect(result.workspaces.map((w) => [w.name, w.orm])).toEqual([['api', 'drizzle']]);
    expect(result.warnings).toEqual([
      {
        code: 'multiple-orms',
        message:
          'api shows drizzle and prisma; kodo reports it as drizzle. Name its ORM in .kodo/config.json if that is wrong.',
      },
    ]);
  });
});
