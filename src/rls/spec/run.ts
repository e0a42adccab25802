// Running loaded specs on a database. Every spec is checked against the catalog first (tables, columns, keys), so
// a mistake in any file stops the run before the first case. Then each spec runs in one transaction that is always
// rolled back: its users' auth rows, its fixtures as service_role, then each case as its persona in a savepoint
// of its own, rolled back too. Nothing a spec does outlives it (sequences aside, which Postgres never rewinds).
import type { TableInfo } from '../../catalog/index.js';
import { KodoError } from '../../core/errors.js';
import type { Database, Queryable } from '../../db/database.js';
import { toDatabaseError } from '../../db/errors.js';
import { rolledBack } from '../identity.js';
import { createAuthRows } from '../personas.js';
import { changeOneCase, changeRowsCase } from './cases/change.js';
import { insertCase } from './cases/insert.js';
import { errorText } from './cases/outcome.js';
import { selectCase } from './cases/select.js';
import { insertFixtures } from './fixtures.js';
import { completePersonas, personasOf } from './identities.js';
import type { Case, Expectation, LoadedSpec } from './model.js';
import { inFile, inFileAsync, SpecProblem } from './problem.js';
import { checkRoles } from './roles.js';
import { checkColumns, readSpecTables, type Tables } from './tables.js';
import { World } from './world.js';

export interface RunOptions {
  signal?: AbortSignal | undefined;
}

export async function runSpecs(
  db: Database,
  specs: LoadedSpec[],
  opts: RunOptions = {},
): Promise<{ cases: Case[] }> {
  const known = new Map<string, TableInfo>();
  const ready: { spec: LoadedSpec; tables: Tables }[] = [];
  for (const spec of specs) {
    const tables = await inFileAsync(spec.file, async () => {
      await checkRoles(db, spec);
      return readSpecTables(db, spec, known);
    });
    inFile(spec.file, () => checkColumns(spec, tables));
    ready.push({ spec, tables });
  }
  const cases: Case[] = [];
  for (const { spec, tables } of ready) {
    cases.push(
      ...(await rolledBack(db, (tx) => inFileAsync(spec.file, () => runSpec(tx, spec, tables, opts)))),
    );
  }
  return { cases };
}

async function runSpec(tx: Queryable, spec: LoadedSpec, tables: Tables, opts: RunOptions): Promise<Case[]> {
  const world = new World(spec, tables, personasOf(spec));
  await createAuthRows(tx, [...world.personas.values()]).catch((e: unknown) => {
    throw new SpecProblem(
      ['personas'],
      `creating their auth.users rows failed: ${errorText(toDatabaseError(e))}`,
    );
  });
  await insertFixtures(tx, world);
  await completePersonas(tx, world);
  const cases: Case[] = [];
  for (const e of spec.expectations) {
    for (const run of casesOf(e)) {
      if (opts.signal?.aborted) throw new KodoError('cancelled', 'Cancelled before every RLS case ran.');
      cases.push(await run(tx, world));
    }
  }
  return cases;
}

type Run = (tx: Queryable, world: World) => Promise<Case>;

/** An expectation's cases in the order reports show them: select, insert, update, delete. */
function casesOf(e: Expectation): Run[] {
  const changes = (op: 'update' | 'delete'): Run[] => {
    const cases = e[op];
    return 'rows' in cases
      ? cases.rows.map((c) => (tx, w) => changeRowsCase(tx, w, e, op, c))
      : cases.each.map((c) => (tx, w) => changeOneCase(tx, w, e, op, c));
  };
  return [
    ...e.select.map(
      (c): Run =>
        (tx, w) =>
          selectCase(tx, w, e, c),
    ),
    ...e.insert.map(
      (c): Run =>
        (tx, w) =>
          insertCase(tx, w, e, c),
    ),
    ...changes('update'),
    ...changes('delete'),
  ];
}
