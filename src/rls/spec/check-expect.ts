// One expectation checked and normalised: its target, and every case's persona, rows and references.
import type {
  ChangeCases,
  Expectation,
  InsertCase,
  RowCase,
  RowsCase,
  RowsExpected,
  Target,
} from './model.js';
import { bucketTarget, type Scope, tableTarget } from './names.js';
import { type Path, SpecProblem } from './problem.js';
import type { RawExpectation, RawRows, Values } from './schema.js';

type RawChange = NonNullable<RawExpectation['update']>;

export function checkExpectation(e: RawExpectation, at: Path, scope: Scope): Expectation {
  if ((e.table === undefined) === (e.bucket === undefined)) {
    throw new SpecProblem(at, 'an expectation needs either table or bucket');
  }
  if (!e.select && !e.insert && !e.update && !e.delete) {
    throw new SpecProblem(at, 'names no operation; add select, insert, update or delete');
  }
  const target = e.bucket !== undefined ? bucketTarget(e.bucket) : tableTarget(e.table!, [...at, 'table']);
  const c = new Cases(scope, target);
  return {
    at,
    target,
    select: Object.entries(e.select ?? {}).map(([persona, rows]) =>
      c.rows(persona, rows, [...at, 'select', persona]),
    ),
    insert: (e.insert ?? []).flatMap((entry, i) => {
      const here = [...at, 'insert', i];
      if (target.bucket !== undefined && entry.path === undefined) {
        throw new SpecProblem(
          [...here, 'path'],
          'is missing (an insert into a bucket needs the object path)',
        );
      }
      if (target.bucket === undefined && entry.path !== undefined) {
        throw new SpecProblem([...here, 'path'], 'applies only to an expectation on a bucket');
      }
      return c.personas(entry.as, [...here, 'as']).map(
        (persona): InsertCase => ({
          at: here,
          persona,
          values: entry.values ?? {},
          path: entry.path,
          allow: entry.allow,
        }),
      );
    }),
    update: c.change(e.update, [...at, 'update']),
    delete: c.change(e.delete, [...at, 'delete']),
  };
}

class Cases {
  constructor(
    readonly scope: Scope,
    readonly target: Target,
  ) {}

  personas(as: string | string[], at: Path): string[] {
    const list = typeof as === 'string' ? [as] : as;
    for (const [i, p] of list.entries()) this.scope.persona(p, typeof as === 'string' ? at : [...at, i]);
    return list;
  }

  /** A fixture of this expectation's table or bucket. */
  fixture(name: string, at: Path): string {
    const f = this.scope.fixtures.get(name);
    if (!f) throw new SpecProblem(at, `${name} is not a fixture of this spec`);
    if (f.target.label !== this.target.label) {
      throw new SpecProblem(at, `${name} is a fixture of ${f.target.label}, not of ${this.target.label}`);
    }
    return name;
  }

  rows(persona: string, rows: RawRows, at: Path): RowsCase {
    this.scope.persona(persona, at);
    let expected: RowsExpected;
    if (typeof rows === 'number') expected = { count: rows };
    else if (typeof rows === 'boolean') expected = { any: rows };
    else expected = { fixtures: rows.map((f, i) => this.fixture(f, [...at, i])) };
    return { at, persona, expected };
  }

  change(raw: RawChange | undefined, at: Path): ChangeCases {
    if (raw === undefined) return { rows: [] };
    if (!Array.isArray(raw)) {
      return {
        rows: Object.entries(raw).map(([persona, rows]) => this.rows(persona, rows, [...at, persona])),
      };
    }
    return {
      each: raw.flatMap((entry, i) => {
        const here = [...at, i];
        const row = this.fixture(entry.row, [...here, 'row']);
        const set = 'set' in entry ? (entry.set as Values | undefined) : undefined;
        return this.personas(entry.as, [...here, 'as']).map(
          (persona): RowCase => ({ at: here, persona, row, set, allow: entry.allow }),
        );
      }),
    };
  }
}
