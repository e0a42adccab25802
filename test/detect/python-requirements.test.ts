// PEP 503 names from requirements files and pyproject.toml tables.
import { describe, expect, it } from 'vitest';
import {
  normalizePythonName,
  parseRequirement,
  parseRequirementsFile,
  pyprojectRequirements,
} from '../../src/detect/python-requirements.js';
import { parseToml } from '../../src/detect/toml.js';

describe('python requirements', () => {
  it('normalises names as PEP 503 says', () => {
    expect(normalizePythonName('SQLAlchemy')).toBe('sqlalchemy');
    expect(normalizePythonName('Flask_Migrate')).toBe('flask-migrate');
    expect(normalizePythonName('zope.interface')).toBe('zope-interface');
    expect(normalizePythonName('a__b--c')).toBe('a-b-c');
  });

  it('strips extras, markers and URLs, keeping the specifier', () => {
    expect(parseRequirement('SQLAlchemy[asyncio,postgresql]>=2.0,<3 ; python_version >= "3.10"')).toEqual({
      name: 'sqlalchemy',
      spec: '>=2.0,<3',
    });
    expect(parseRequirement('alembic (>=1.13)')).toEqual({ name: 'alembic', spec: '>=1.13' });
    expect(parseRequirement('sqlmodel @ https://example.com/sqlmodel.whl')).toEqual({
      name: 'sqlmodel',
      spec: '',
    });
    expect(parseRequirement('alembic')).toEqual({ name: 'alembic', spec: '' });
  });

  it('skips comments, options and editable installs in requirements files', () => {
    const text = [
      '# pinned',
      '-r base.txt',
      '--index-url https://pypi.example/simple',
      '-e git+https://github.com/x/y.git#egg=y',
      'Flask-Migrate==4.0.7  # migrations',
      'sqlalchemy>=2 \\',
      '  ; python_version >= "3.9"',
      '',
    ].join('\n');
    expect(parseRequirementsFile(text)).toEqual([
      { name: 'flask-migrate', spec: '==4.0.7' },
      { name: 'sqlalchemy', spec: '>=2' },
    ]);
  });

  it('reads PEP 621, PEP 735, Poetry, uv and PDM tables', () => {
    const doc = parseToml(`[project]
dependencies = ["SQLAlchemy>=2"]
[project.optional-dependencies]
migrations = ["alembic>=1.14"]
[dependency-groups]
dev = ["pytest", { include-group = "lint" }]
[tool.poetry.dependencies]
python = "^3.12"
Flask-SQLAlchemy = { version = "^3.1", extras = ["async"] }
[tool.poetry.group.db.dependencies]
sqlmodel = "^0.0.22"
[tool.uv]
dev-dependencies = ["ruff"]
[tool.pdm.dev-dependencies]
test = ["mypy"]
`);
    expect(pyprojectRequirements(doc).map((r) => `${r.name}${r.spec}`)).toEqual([
      'sqlalchemy>=2',
      'alembic>=1.14',
      'pytest',
      'ruff',
      'mypy',
      'flask-sqlalchemy^3.1',
      'sqlmodel^0.0.22',
    ]);
  });
});
