// What a running spec knows: its personas (with their user ids) and the fixture rows inserted so far, which
// answer references and tell the cases which rows are whose.
import type { TableInfo } from '../../catalog/index.js';
import type { Persona } from '../personas.js';
import { type FixtureSpec, type LoadedSpec, type Target, tableLabel } from './model.js';
import { PERSONA_FIELDS } from './names.js';
import type { Ref } from './refs.js';
import type { Tables } from './tables.js';

export interface FixtureRow {
  fixture: FixtureSpec;
  /** Where the row is now, re-read once every fixture is in (a later insert's trigger may have moved it). */
  pin: Pin;
  /** Every column as Postgres prints it. */
  row: Record<string, string | null>;
}

/** A row's place: its ctid, and its table's oid, as a partition's ctid is unique only within the partition. */
export interface Pin {
  tableoid: string;
  ctid: string;
}

/** The SQL that reads a row's pin, as `tableoid` and `ctid` text columns. */
export const PIN_COLUMNS = 'tableoid::oid::text as tableoid, ctid::text as ctid';

export const samePin = (a: Pin, b: Pin): boolean => a.tableoid === b.tableoid && a.ctid === b.ctid;

export class World {
  readonly rows = new Map<string, FixtureRow>();

  constructor(
    readonly spec: LoadedSpec,
    readonly tables: Tables,
    readonly personas: ReadonlyMap<string, Persona>,
  ) {}

  table(target: Target): TableInfo {
    return this.tables.get(tableLabel(target.table))!;
  }

  persona(name: string): Persona {
    return this.personas.get(name)!;
  }

  /** The fixture rows of a table or bucket, in the spec's order. */
  rowsOf(target: Target): FixtureRow[] {
    return [...this.rows.values()].filter((r) => r.fixture.target.label === target.label);
  }

  /** A reference's value; the checks made sure it names something that is there. */
  lookup = (ref: Ref): string | null => {
    const p = this.personas.get(ref.name);
    if (p) return PERSONA_FIELDS[ref.field ?? 'id']!(p);
    const r = this.rows.get(ref.name)!;
    return r.row[ref.field ?? this.table(r.fixture.target).primaryKey[0]!] ?? null;
  };
}
