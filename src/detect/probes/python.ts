// Python services: alembic.ini, pyproject.toml, requirements*.txt and Django's manage.py.
import { own } from '../../core/own.js';
import {
  type PythonRequirement,
  parseRequirementsFile,
  pyprojectRequirements,
} from '../python-requirements.js';
import {
  baseOf,
  dirOf,
  joinRel,
  NONE,
  type ProbeContext,
  type ProbeResult,
  type Signal,
  unparsable,
} from '../signal.js';
import { isTable, parseToml, type TomlValue, tomlGet } from '../toml.js';

/** PEP 503 name → ORM id. */
const PYTHON_PACKAGES: Record<string, string> = {
  sqlalchemy: 'sqlalchemy',
  alembic: 'sqlalchemy',
  'flask-migrate': 'sqlalchemy',
  'flask-sqlalchemy': 'sqlalchemy',
  sqlmodel: 'sqlalchemy',
  django: 'django',
};

/** Flask-Migrate keeps Alembic in `migrations/` (its default `directory`). */
const FLASK_MIGRATE_DIR = 'migrations';

export async function probeAlembicIni(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  if (text === undefined) return NONE;
  const iniDir = dirOf(rel);
  const settings = iniSection(text, 'alembic');
  const script = settings['script_location'];
  if (script) {
    const location = alembicPath(script, iniDir);
    return one({
      dir: iniDir,
      orm: 'sqlalchemy',
      evidence: `${rel}: script_location = ${script}`,
      strong: true,
      migrationsDir: firstVersionLocation(settings, iniDir) ?? joinRel(location, 'versions'),
    });
  }
  // Flask-Migrate writes migrations/alembic.ini without script_location: the folder is passed at run time.
  const flask = baseOf(iniDir) === FLASK_MIGRATE_DIR;
  return one({
    dir: flask ? dirOf(iniDir) : iniDir,
    orm: 'sqlalchemy',
    evidence: flask ? `${rel}: Flask-Migrate (no script_location)` : `${rel}: no script_location`,
    strong: true,
    ...(flask ? { migrationsDir: joinRel(iniDir, 'versions') } : {}),
  });
}

export async function probePyproject(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  if (text === undefined) return NONE;
  let doc: ReturnType<typeof parseToml>;
  try {
    doc = parseToml(text);
  } catch (e) {
    return unparsable(rel, e);
  }
  const dir = dirOf(rel);
  const signals: Signal[] = [];
  // Alembic 1.16+ can keep its settings in [tool.alembic] instead of alembic.ini.
  const tool = tomlGet(doc, 'tool', 'alembic');
  if (isTable(tool)) {
    const script = tool['script_location'];
    const location = typeof script === 'string' ? alembicPath(script, dir) : undefined;
    const versions = firstString(tool['version_locations']);
    signals.push({
      dir,
      orm: 'sqlalchemy',
      evidence: `${rel}: [tool.alembic]${typeof script === 'string' ? ` script_location = ${script}` : ''}`,
      strong: true,
      ...(versions
        ? { migrationsDir: alembicPath(versions, dir) }
        : location
          ? { migrationsDir: joinRel(location, 'versions') }
          : {}),
    });
  }
  signals.push(...dependencySignals(rel, pyprojectRequirements(doc)));
  return { signals, warnings: [] };
}

export async function probeRequirements(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  if (text === undefined) return NONE;
  return { signals: dependencySignals(rel, parseRequirementsFile(text)), warnings: [] };
}

export async function probeManagePy(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  // Any script may be called manage.py; Django's sets DJANGO_SETTINGS_MODULE.
  if (text === undefined || !/DJANGO_SETTINGS_MODULE|from django/.test(text)) return NONE;
  return one({ dir: dirOf(rel), orm: 'django', evidence: `${rel}: Django manage.py`, strong: true });
}

function dependencySignals(rel: string, requirements: PythonRequirement[]): Signal[] {
  const dir = dirOf(rel);
  const seen = new Set<string>();
  const signals: Signal[] = [];
  for (const { name, spec } of requirements) {
    const orm = own(PYTHON_PACKAGES, name);
    if (!orm || seen.has(name)) continue;
    seen.add(name);
    signals.push({
      dir,
      orm,
      evidence: `${rel}: ${name}${spec ? ` ${spec}` : ''}`,
      strong: false,
      ...(name === 'flask-migrate' ? { migrationsDir: joinRel(dir, FLASK_MIGRATE_DIR, 'versions') } : {}),
    });
  }
  return signals;
}

/** Resolves `%(here)s/alembic`, `alembic` and the package form `myapp:migrations` against the ini's folder. */
function alembicPath(value: string, iniDir: string): string {
  const v = value
    .trim()
    .replace(/%\(here\)s/g, '.')
    .replace(/\\/g, '/');
  const pkg = /^([A-Za-z_][\w.]*):([\w./-]+)$/.exec(v);
  if (pkg) return joinRel(iniDir, pkg[1]!.replace(/\./g, '/'), pkg[2]!);
  return joinRel(iniDir, v);
}

function firstVersionLocation(settings: Record<string, string>, iniDir: string): string | undefined {
  const raw = settings['version_locations'];
  if (!raw) return undefined;
  const first = raw.split(/[\s,;:]+/).find((p) => p !== '');
  return first ? alembicPath(first, iniDir) : undefined;
}

function firstString(v: TomlValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.find((x): x is string => typeof x === 'string');
  return undefined;
}

/** The keys of one `[section]` of an INI file, as Python's configparser reads them (no interpolation). */
export function iniSection(text: string, section: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inside = false;
  let lastKey: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line) || line.trim() === '') continue;
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) {
      inside = header[1]!.trim() === section;
      lastKey = undefined;
      continue;
    }
    if (!inside) continue;
    if (/^\s/.test(line) && lastKey) {
      out[lastKey] = `${out[lastKey]}\n${line.trim()}`;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (kv) {
      lastKey = kv[1]!.trim().toLowerCase();
      out[lastKey] = kv[2]!.replace(/\s+[#;].*$/, '').trim();
    }
  }
  return out;
}

function one(signal: Signal): ProbeResult {
  return { signals: [signal], warnings: [] };
}
