// SQLAlchemy + Alembic detection: alembic.ini, pyproject.toml, requirements*.txt; Django as unsupported.
import { describe, expect, it } from 'vitest';
import { detectProject } from '../../src/detect/detect.js';
import { makeProject } from './project.js';

describe('alembic detection', () => {
  it('reads script_location from alembic.ini', async () => {
    const root = await makeProject({
      'services/analytics/alembic.ini':
        '[alembic]\nscript_location = db/alembic\nsqlalchemy.url = postgresql://localhost/x\n\n[loggers]\nkeys = root\n',
    });
    expect((await detectProject(root)).workspaces).toEqual([
      {
        name: 'analytics',
        language: 'python',
        orm: 'sqlalchemy',
        migrationTool: 'alembic',
        migrationsDir: 'services/analytics/db/alembic/versions',
        range: null,
        source: 'filesystem',
        evidence: ['services/analytics/alembic.ini: script_location = db/alembic'],
        path: 'services/analytics',
        prefix: null,
        supported: true,
      },
    ]);
  });

  it('resolves %(here)s and honours version_locations', async () => {
    const root = await makeProject({
      'a/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
      'b/alembic.ini':
        '[alembic]\nscript_location = alembic\nversion_locations = %(here)s/versions/main %(here)s/versions/extra\n',
    });
    const { workspaces } = await detectProject(root);
    expect(workspaces.map((w) => w.migrationsDir)).toEqual(['a/migrations/versions', 'b/versions/main']);
  });

  it('recognises Flask-Migrate’s migrations/alembic.ini and attributes it to the service above', async () => {
    const root = await makeProject({
      'backend/migrations/alembic.ini':
        '# A generic, single database configuration.\n\n[alembic]\n# template used\n',
      'backend/requirements.txt': 'Flask-Migrate==4.0.7\n',
    });
    const [ws] = (await detectProject(root)).workspaces;
    expect(ws).toMatchObject({
      name: 'backend',
      orm: 'sqlalchemy',
      migrationsDir: 'backend/migrations/versions',
      evidence: [
        'backend/migrations/alembic.ini: Flask-Migrate (no script_location)',
        'backend/requirements.txt: flask-migrate ==4.0.7',
      ],
    });
  });

  it('finds sqlalchemy from pyproject.toml dependencies and [tool.alembic]', async () => {
    const root = await makeProject({
      'api/pyproject.toml': `[project]
name = "api"
dependencies = ["SQLAlchemy[asyncio]>=2.0.36", "fastapi"]

[tool.alembic]
script_location = "%(here)s/migrations"
`,
    });
    const [ws] = (await detectProject(root)).workspaces;
    expect(ws).toMatchObject({
      orm: 'sqlalchemy',
      migrationsDir: 'api/migrations/versions',
      evidence: [
        'api/pyproject.toml: [tool.alembic] script_location = %(here)s/migrations',
        'api/pyproject.toml: sqlalchemy >=2.0.36',
      ],
    });
  });

  it('finds sqlalchemy from Poetry dependencies with the default versions folder', async () => {
    const root = await makeProject({
      'worker/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.12"\nsqlmodel = "^0.0.22"\n',
    });
    const [ws] = (await detectProject(root)).workspaces;
    expect(ws).toMatchObject({
      orm: 'sqlalchemy',
      migrationsDir: 'worker/alembic/versions',
      evidence: ['worker/pyproject.toml: sqlmodel ^0.0.22'],
    });
  });

  it('finds sqlalchemy and alembic in requirements*.txt with normalised names', async () => {
    const root = await makeProject({
      'jobs/requirements.txt':
        '# runtime\nSQLAlchemy[postgresql_psycopg]==2.0.36 ; python_version >= "3.10"\n',
      'jobs/requirements-dev.txt': '-r requirements.txt\nAlembic>=1.14\n',
    });
    const [ws] = (await detectProject(root)).workspaces;
    expect(ws?.evidence).toEqual([
      'jobs/requirements-dev.txt: alembic >=1.14',
      'jobs/requirements.txt: sqlalchemy ==2.0.36',
    ]);
  });

  it('reports Django as detected but not supported', async () => {
    const root = await makeProject({
      'cms/manage.py':
        '#!/usr/bin/env python\nimport os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")\n',
      'tools/manage.py': 'print("not django")\n',
    });
    const result = await detectProject(root);
    expect(result.workspaces.map((w) => [w.name, w.orm, w.supported, w.evidence])).toEqual([
      ['cms', 'django', false, ['cms/manage.py: Django manage.py']],
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(['unsupported-orm']);
  });

  it('turns an unparsable pyproject.toml into a warning and goes on', async () => {
    const root = await makeProject({
      'broken/pyproject.toml': '[project\nname = "x"\n',
      'ok/alembic.ini': '[alembic]\nscript_location = alembic\n',
    });
    const result = await detectProject(root);
    expect(result.workspaces.map((w) => w.name)).toEqual(['ok']);
    expect(result.warnings).toEqual([
      {
        code: 'unparsable-file',
        message:
          'broken/pyproject.toml cannot be parsed (illegal character in key at line 1); kodo skipped it. Fix its syntax.',
      },
    ]);
  });
});
