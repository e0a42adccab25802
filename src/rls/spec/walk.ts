// The places of a loaded spec that hold values: where references may appear, and which maps name columns. One
// walk, for the checks without a database (references) and those against the catalog (columns, fixture keys).
import type { LoadedSpec, TableRef } from './model.js';
import type { Path } from './problem.js';
import type { Values } from './schema.js';

export interface ValuePlace {
  value: unknown;
  at: Path;
  /** For a fixture's own values: its index, as a fixture may refer only to the fixtures before it. */
  fixture?: number;
}

export function valuesOf(spec: LoadedSpec): ValuePlace[] {
  return [
    ...spec.personas.flatMap((p) =>
      (['app_metadata', 'user_metadata', 'claims'] as const).map((k) => ({
        value: p.input[k],
        at: [...p.at, k],
      })),
    ),
    ...spec.fixtures.flatMap((f) => [
      { value: f.values, at: [...f.at, 'values'], fixture: f.index },
      { value: f.path, at: [...f.at, 'path'], fixture: f.index },
    ]),
    ...spec.expectations.flatMap((e) => [
      ...e.insert.flatMap((c) => [
        { value: c.values, at: [...c.at, 'values'] },
        { value: c.path, at: [...c.at, 'path'] },
      ]),
      ...('each' in e.update ? e.update.each : []).map((c) => ({ value: c.set, at: [...c.at, 'set'] })),
    ]),
  ];
}

/** Every map of column values with the table it writes. */
export function writesOf(spec: LoadedSpec): { table: TableRef; values: Values; at: Path }[] {
  return [
    ...spec.fixtures.map((f) => ({ table: f.target.table, values: f.values, at: [...f.at, 'values'] })),
    ...spec.expectations.flatMap((e) => [
      ...e.insert.map((c) => ({ table: e.target.table, values: c.values, at: [...c.at, 'values'] })),
      ...('each' in e.update ? e.update.each : []).map((c) => ({
        table: e.target.table,
        values: c.set ?? {},
        at: [...c.at, 'set'],
      })),
    ]),
  ];
}

/** Who acts where: every case's persona with its path, and service_role for the fixtures. */
export function actorsOf(spec: LoadedSpec): { persona: string; at: Path }[] {
  return [
    ...spec.fixtures.map((f) => ({ persona: 'service_role', at: f.at })),
    ...spec.expectations.flatMap((e) => [
      ...e.select,
      ...e.insert,
      ...('rows' in e.update ? e.update.rows : e.update.each),
      ...('rows' in e.delete ? e.delete.rows : e.delete.each),
    ]),
  ];
}
