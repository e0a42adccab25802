// A value for a column, as the text Postgres reads it (`$1::text::<type>`): every type goes through its own
// input function, the same way on PGlite and node-postgres, whatever JS value a caller pinned.
import type { ColumnInfo } from '../../catalog/types.js';
import { RowError } from './errors.js';
import { intBetween, type Random, token, uuid } from './random.js';

/**
 * plain: any valid value; key: fresh for a unique column; sequence: an identity or serial column's explicit
 * value, high in the type's range, above what its sequence will hand out in a test run.
 */
export type Purpose = 'plain' | 'key' | 'sequence';

export interface BaseType {
  /** pg_type.typname of the type values are made for: the domain's base, or the column's (element) type. */
  name: string;
  /** The type modifiers: `numeric(10,2)` → [10, 2], `bit(8)` → [8]. */
  args: number[];
  array: boolean;
}

const SQL_NAMES: Record<string, string> = {
  'character varying': 'varchar',
  character: 'bpchar',
  integer: 'int4',
  bigint: 'int8',
  smallint: 'int2',
  boolean: 'bool',
  'double precision': 'float8',
  real: 'float4',
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
  'time with time zone': 'timetz',
  'time without time zone': 'time',
  'bit varying': 'varbit',
  '"char"': 'char',
};

export function baseTypeOf(column: ColumnInfo): BaseType {
  const sql = column.domainBase ?? column.type;
  const array = column.isArray || sql.endsWith('[]');
  const args = /\(([\d,\s]+)\)/.exec(sql)?.[1]?.split(',').map(Number) ?? [];
  if (!column.domainBase) return { name: column.typeName, args, array };
  const bare = sql
    .replace(/\[\]$/, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const name = bare.startsWith('interval') ? 'interval' : (SQL_NAMES[bare] ?? bare.replace(/^.*\./, ''));
  return { name, args, array };
}

export const INTEGER_RANGES: Record<string, { key: [bigint, bigint]; sequence: [bigint, bigint] }> = {
  int2: { key: [1n, 32767n], sequence: [16384n, 32767n] },
  int4: { key: [1n, 2147483647n], sequence: [1073741824n, 2147483647n] },
  int8: { key: [1n, 2n ** 53n], sequence: [2n ** 52n, 2n ** 62n] },
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const isoTimestamp = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/** A value of a date/time type `offset` days from now. */
function temporal(name: string, offset: number): string | undefined {
  const d = day(offset);
  switch (name) {
    case 'date':
      return isoDate(d);
    case 'timestamp':
      return isoTimestamp(d);
    case 'timestamptz':
      return d.toISOString();
    case 'time':
      return `${String(8 + offset).padStart(2, '0')}:00:00`;
    case 'timetz':
      return `${String(8 + offset).padStart(2, '0')}:00:00+00`;
    case 'interval':
      return `${1 + offset} hours`;
    default:
      return undefined;
  }
}

function numeric(base: BaseType, random: Random, purpose: Purpose): string {
  const [precision, scale = 0] = base.args;
  const digits = precision === undefined ? 15 : Math.min(15, precision - scale);
  if (digits <= 0) return '0';
  const ceiling = 10n ** BigInt(digits) - 1n;
  const hi = purpose === 'plain' ? (ceiling < 1000n ? ceiling : 1000n) : ceiling;
  return intBetween(random, 1n, hi);
}

/** The value of one element, by type name; undefined for a type kodo cannot make. */
function scalar(column: ColumnInfo, base: BaseType, random: Random, purpose: Purpose): string | undefined {
  if (column.enumLabels && column.enumLabels.length > 0) return column.enumLabels[0];
  const ints = INTEGER_RANGES[base.name];
  if (ints)
    return intBetween(
      random,
      purpose === 'plain' ? 1n : ints[purpose][0],
      purpose === 'plain' ? 1000n : ints[purpose][1],
    );
  const width = column.maxLength ?? base.args[0];
  switch (base.name) {
    case 'text':
    case 'citext':
    case 'name':
    case 'varchar':
      return token(random, Math.min(12, width ?? 12));
    case 'bpchar':
      return token(random, width ?? 1);
    case 'char':
      return 'a';
    case 'numeric':
      return numeric(base, random, purpose);
    case 'float4':
    case 'float8':
      return intBetween(random, 1n, purpose === 'plain' ? 1000n : 2n ** 24n);
    case 'money':
      return '1.00';
    case 'bool':
      return 'false';
    case 'uuid':
      return uuid(random);
    case 'json':
    case 'jsonb':
      return '{}';
    case 'inet':
      return `10.${intBetween(random, 0n, 255n)}.${intBetween(random, 0n, 255n)}.${intBetween(random, 1n, 254n)}`;
    case 'cidr':
      return `10.${intBetween(random, 0n, 255n)}.${intBetween(random, 0n, 255n)}.0/24`;
    case 'macaddr':
    case 'macaddr8': {
      const n = base.name === 'macaddr' ? 6 : 8;
      return Array.from({ length: n }, () => intBetween(random, 16n, 255n))
        .map((b) => Number(b).toString(16))
        .join(':');
    }
    case 'bytea':
      return `\\x${Array.from({ length: 8 }, () => Number(intBetween(random, 16n, 255n)).toString(16)).join('')}`;
    case 'bit':
      return '1'.repeat(base.args[0] ?? 1);
    case 'varbit':
      return '1';
    case 'tsvector':
      return token(random, 8);
    case 'tsquery':
      return token(random, 8);
    case 'xml':
      return '<kodo/>';
    case 'point':
      return '(0,0)';
    case 'int4range':
    case 'int8range':
    case 'numrange':
      return '[1,10)';
    case 'daterange':
      return `[${isoDate(day(0))},${isoDate(day(1))})`;
    case 'tsrange':
    case 'tstzrange':
      return `[${day(0).toISOString()},${day(1).toISOString()})`;
    case 'ltree':
      return token(random, 8);
    case 'hstore':
      return '';
    case 'vector':
    case 'halfvec':
      return `[${Array.from({ length: base.args[0] ?? 1 }, () => '0').join(',')}]`;
    default:
      return temporal(base.name, 0);
  }
}

/** A value for `column`, or a RowError naming the type when kodo cannot make one. */
export function makeValue(column: ColumnInfo, random: Random, purpose: Purpose, where: string): string {
  const base = baseTypeOf(column);
  if (base.array) return '{}';
  const value = scalar(column, base, random, purpose);
  if (value === undefined) {
    throw new RowError(
      `${where}: kodo cannot make a value of type ${column.type} for NOT NULL column "${column.name}"`,
    );
  }
  return value;
}

/** An array of one element (for checks such as `cardinality(tags) > 0`), or undefined. */
export function oneElement(column: ColumnInfo, random: Random): string | undefined {
  const base = baseTypeOf(column);
  if (!base.array) return undefined;
  const element = scalar(column, base, random, 'key');
  return element === undefined ? undefined : arrayLiteral([element]);
}

/**
 * Values in order for checks that compare two columns (`ends_at > starts_at`): rank 0 is lower than rank 1, for
 * numbers, dates and times, and text.
 */
export function ranked(column: ColumnInfo, rank: number): string | undefined {
  const base = baseTypeOf(column);
  if (base.array) return undefined;
  if (INTEGER_RANGES[base.name] || ['numeric', 'float4', 'float8', 'money'].includes(base.name))
    return String(rank + 1);
  if (['text', 'varchar', 'citext', 'bpchar'].includes(base.name)) return 'abcdefghij'[rank];
  return temporal(base.name, rank);
}

export function isJson(column: ColumnInfo): boolean {
  return !column.isArray && (column.typeName === 'json' || column.typeName === 'jsonb');
}

/** A pinned JS value as Postgres's text for the column: arrays as array literals, objects as JSON. */
export function toText(value: unknown, column?: ColumnInfo): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value) && !(column && isJson(column))) return arrayLiteral(value);
  return JSON.stringify(value);
}

function arrayLiteral(items: unknown[]): string {
  const element = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    return `"${toText(v)!.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  };
  return `{${items.map(element).join(',')}}`;
}
