// Python dependency declarations (requirements files, pyproject tables) reduced to PEP 503 names.
import { isTable, type TomlTable, type TomlValue, tomlGet } from './toml.js';

export interface PythonRequirement {
  /** PEP 503-normalised: lowercase, runs of `-`, `_`, `.` become one `-`. */
  name: string;
  /** The version specifier as written (`>=2.0`), without extras or environment markers; '' when none. */
  spec: string;
}

export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/;

/** One PEP 508 requirement string such as `SQLAlchemy[asyncio]>=2.0 ; python_version >= "3.10"`. */
export function parseRequirement(text: string): PythonRequirement | undefined {
  const m = REQUIREMENT.exec(text.trim());
  if (!m) return undefined;
  const rest = (m[2] ?? '').split(';')[0]!.trim();
  // `name @ https://…` pins a URL, not a version.
  const spec = rest.startsWith('@') ? '' : rest.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, '');
  return { name: normalizePythonName(m[1]!), spec };
}

/** A requirements*.txt file: comments, options (`-r`, `-e`, `--index-url`) and continuations handled. */
export function parseRequirementsFile(text: string): PythonRequirement[] {
  const out: PythonRequirement[] = [];
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-')) continue;
    const req = parseRequirement(line);
    if (req) out.push(req);
  }
  return out;
}

/**
 * Every dependency a pyproject.toml declares: PEP 621 `[project]` (with optional dependencies),
 * PEP 735 `[dependency-groups]`, Poetry, uv and PDM tables.
 */
export function pyprojectRequirements(doc: TomlTable): PythonRequirement[] {
  const strings: string[] = [];
  const collect = (v: TomlValue | undefined) => {
    if (Array.isArray(v)) for (const item of v) if (typeof item === 'string') strings.push(item);
  };
  const collectGroups = (v: TomlValue | undefined) => {
    if (isTable(v)) for (const group of Object.values(v)) collect(group);
  };
  collect(tomlGet(doc, 'project', 'dependencies'));
  collectGroups(tomlGet(doc, 'project', 'optional-dependencies'));
  collectGroups(tomlGet(doc, 'dependency-groups'));
  collect(tomlGet(doc, 'tool', 'uv', 'dev-dependencies'));
  collectGroups(tomlGet(doc, 'tool', 'pdm', 'dev-dependencies'));
  const out = strings.flatMap((s) => parseRequirement(s) ?? []);

  // Poetry declares dependencies as keys: `sqlalchemy = { version = "^2.0", extras = ["asyncio"] }`.
  const poetryTables: TomlValue[] = [
    tomlGet(doc, 'tool', 'poetry', 'dependencies'),
    tomlGet(doc, 'tool', 'poetry', 'dev-dependencies'),
  ].filter((v): v is TomlValue => v !== undefined);
  const groups = tomlGet(doc, 'tool', 'poetry', 'group');
  if (isTable(groups)) {
    for (const group of Object.values(groups)) {
      const deps = tomlGet(isTable(group) ? group : {}, 'dependencies');
      if (deps) poetryTables.push(deps);
    }
  }
  for (const table of poetryTables) {
    if (!isTable(table)) continue;
    for (const [name, value] of Object.entries(table)) {
      if (name === 'python') continue;
      const version = typeof value === 'string' ? value : tomlGet(isTable(value) ? value : {}, 'version');
      out.push({ name: normalizePythonName(name), spec: typeof version === 'string' ? version : '' });
    }
  }
  return out;
}
