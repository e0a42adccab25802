// A loaded spec against the database's catalog, before anything runs: every table exists, every column a value
// names exists and can take that value, and every `$fixture` / `$fixture.column` reference can be answered.
import { readTable, type TableInfo } from '../../catalog/index.js';
import type { Queryable } from '../../db/database.js';
import { type LoadedSpec, type TableRef, tableLabel } from './model.js';
import { type Path, SpecProblem } from './problem.js';
import { refsIn, showRef } from './refs.js';
import { valuesOf, writesOf } from './walk.js';

export type Tables = ReadonlyMap<string, TableInfo>;

/** The tables `specs` touch, read once; a SpecProblem for the first one that does not exist. */
export async function readSpecTables(
  db: Queryable,
  spec: LoadedSpec,
  known: Map<string, TableInfo>,
): Promise<Tables> {
  const places = [
    ...spec.fixtures.map((f) => ({
      table: f.target.table,
      at: [...f.at, f.target.bucket ? 'bucket' : 'table'],
    })),
    ...spec.expectations.map((e) => ({
      table: e.target.table,
      at: [...e.at, e.target.bucket ? 'bucket' : 'table'],
    })),
  ];
  for (const { table, at } of places) {
    const label = tableLabel(table);
    if (known.has(label)) continue;
    const info = await readTable(db, table.schema, table.name);
    if (!info) throw new SpecProblem(at, missing(table));
    known.set(label, info);
  }
  return known;
}

function missing(t: TableRef): string {
  return t.schema === 'storage'
    ? 'the database has no storage.objects table, so no bucket can be tested there'
    : `the database has no table ${tableLabel(t)}; check the name or apply the migration that creates it`;
}

/** Every column named by a value, and every reference into a fixture, checked against the catalog. */
export function checkColumns(spec: LoadedSpec, tables: Tables): void {
  const table = (t: TableRef) => tables.get(tableLabel(t))!;
  for (const f of spec.fixtures) {
    const kind = KINDS[table(f.target.table).kind];
    if (kind) {
      throw new SpecProblem(
        [...f.at, 'table'],
        `${f.target.label} is a ${kind}; insert fixtures into the tables behind it`,
      );
    }
  }
  for (const { table: t, values, at } of writesOf(spec)) {
    for (const [name, value] of Object.entries(values)) checkValue(table(t), name, value, [...at, name]);
  }
  const fixtures = new Map(spec.fixtures.map((f) => [f.name, f]));
  const orgs = spec.personas.flatMap((p) =>
    p.input.org ? [{ ref: { name: p.input.org, field: undefined }, at: [...p.at, 'org'] }] : [],
  );
  const refs = valuesOf(spec).flatMap((place) => refsIn(place.value, place.at));
  for (const { ref, at } of [...orgs, ...refs]) {
    const f = fixtures.get(ref.name);
    if (!f) continue;
    const info = table(f.target.table);
    if (ref.field === undefined && info.primaryKey.length !== 1) {
      throw new SpecProblem(
        at,
        `${showRef(ref)}: ${tableLabel(info)} has no single-column primary key, so name a column, as in $${ref.name}.<column>`,
      );
    }
    if (ref.field !== undefined && !info.columns.some((c) => c.name === ref.field)) {
      throw new SpecProblem(at, `${showRef(ref)}: ${tableLabel(info)} has no column ${ref.field}`);
    }
  }
}

/** Relations whose rows cannot be fixtures (no ctid to find them by, or no insert at all). */
const KINDS: Partial<Record<TableInfo['kind'], string>> = {
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
};

const JSON_TYPES = new Set(['json', 'jsonb']);

function checkValue(t: TableInfo, name: string, value: unknown, at: Path): void {
  const column = t.columns.find((c) => c.name === name);
  if (!column) throw new SpecProblem(at, `${tableLabel(t)} has no column ${name}`);
  if (column.generated)
    throw new SpecProblem(at, `${name} is a generated column, which cannot be written; leave it out`);
  if (value === null || typeof value !== 'object' || JSON_TYPES.has(column.typeName)) return;
  if (column.isArray && Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))
    return;
  throw new SpecProblem(
    at,
    `expected ${column.isArray ? 'a list of single values' : 'a single value'} for ${name} (${column.type})`,
  );
}
