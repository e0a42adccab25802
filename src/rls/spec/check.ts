// A validated spec's names, checked and normalised without a database: persona and fixture names, what every
// reference and every case names, and which table or bucket each fixture belongs to. Tables and columns are
// checked against the catalog by the runner, before any case runs.
import { formatJsonPath } from '../../config/json.js';
import { checkExpectation } from './check-expect.js';
import type { FixtureSpec, LoadedSpec, PersonaSpec } from './model.js';
import { BUILTIN_PERSONAS, bucketTarget, checkName, Scope, tableTarget } from './names.js';
import { type Path, SpecProblem } from './problem.js';
import { refsIn } from './refs.js';
import type { RawFixture, RawSpec } from './schema.js';
import { valuesOf } from './walk.js';

export function checkSpec(file: string, raw: RawSpec): LoadedSpec {
  const personas = new Map<string, PersonaSpec>();
  for (const [name, input] of Object.entries(raw.personas ?? {})) {
    const at = ['personas', name];
    checkName(name, at, 'persona');
    if ((BUILTIN_PERSONAS as readonly string[]).includes(name)) {
      throw new SpecProblem(
        at,
        `${name} always exists and cannot be redefined; give this persona another name`,
      );
    }
    // Two personas with one id would be one auth.users row (the second insert fails) acting under two names.
    const id = input.id?.toLowerCase();
    const twin = [...personas.values()].find((p) => id !== undefined && p.input.id?.toLowerCase() === id);
    if (twin)
      throw new SpecProblem([...at, 'id'], `${twin.name} already has this id; each persona is its own user`);
    personas.set(name, { name, at, input });
  }
  const named = new Map<string, FixtureSpec>();
  const fixtures = (raw.fixtures ?? []).map((raw, i) => {
    const f = fixtureOf(raw, i, personas);
    const twin = named.get(f.name);
    if (twin) throw new SpecProblem([...f.at, 'name'], `${f.name} already names ${formatJsonPath(twin.at)}`);
    if (raw.name !== undefined) named.set(f.name, f);
    return f;
  });
  const scope = new Scope(personas, named);
  for (const p of personas.values()) {
    if (p.input.org !== undefined && !named.has(p.input.org)) {
      throw new SpecProblem(
        [...p.at, 'org'],
        `${p.input.org} is not a fixture of this spec (org names the fixture whose key becomes the org_id claim)`,
      );
    }
  }
  for (const f of fixtures) if (f.owner !== undefined) scope.user(f.owner, [...f.at, 'owner']);
  const expectations = raw.expect.map((e, i) => checkExpectation(e, ['expect', i], scope));
  const spec: LoadedSpec = { file, personas: [...personas.values()], fixtures, expectations };
  for (const place of valuesOf(spec)) {
    for (const { ref, at } of refsIn(place.value, place.at)) scope.ref(ref, at, place.fixture);
  }
  return spec;
}

function fixtureOf(f: RawFixture, index: number, personas: Map<string, PersonaSpec>): FixtureSpec {
  const at: Path = ['fixtures', index];
  if (f.name !== undefined) {
    checkName(f.name, [...at, 'name'], 'fixture');
    if (personas.has(f.name) || (BUILTIN_PERSONAS as readonly string[]).includes(f.name)) {
      throw new SpecProblem([...at, 'name'], `${f.name} is already a persona; give the fixture another name`);
    }
  }
  if ((f.table === undefined) === (f.bucket === undefined)) {
    throw new SpecProblem(at, 'a fixture needs either table (a row) or bucket and path (a storage object)');
  }
  if (f.bucket !== undefined && f.path === undefined) {
    throw new SpecProblem([...at, 'path'], 'is missing (an object in a bucket needs its path)');
  }
  for (const key of ['path', 'owner'] as const) {
    if (f.table !== undefined && f[key] !== undefined) {
      throw new SpecProblem([...at, key], 'applies only to a storage object (a fixture with bucket)');
    }
  }
  return {
    name: f.name ?? formatJsonPath(at),
    index,
    at,
    target: f.table !== undefined ? tableTarget(f.table, [...at, 'table']) : bucketTarget(f.bucket!),
    values: f.values ?? {},
    path: f.path,
    owner: f.owner,
  };
}
