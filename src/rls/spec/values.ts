// Spec values as SQL: every value goes as a text parameter Postgres casts to the column's type (the same on PGlite
// and a server, whatever each driver would do with a JS array or object), and statements quote every name.
import type { ColumnInfo, TableInfo } from '../../catalog/index.js';
import { ident } from '../../db/scratch-cleanup.js';
import type { TableRef } from './model.js';
import type { Values } from './schema.js';

export const quoteTable = (t: TableRef): string => `${ident(t.schema)}.${ident(t.name)}`;

const JSON_TYPES = new Set(['json', 'jsonb']);

/** A resolved value as the text Postgres reads for `column` (json as JSON, lists as array literals). */
export function sqlText(value: unknown, column: ColumnInfo): string | null {
  if (value === null || value === undefined) return null;
  if (JSON_TYPES.has(column.typeName) && !column.isArray)
    return typeof value === 'string' ? value : JSON.stringify(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  return String(value);
}

/** `{"a","b",NULL}`: every item quoted, so commas, braces and spaces in it stay text. */
export function arrayLiteral(items: readonly unknown[]): string {
  const item = (v: unknown) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`);
  return `{${items.map(item).join(',')}}`;
}

/**
 * Parameter `n` for `column`. A built-in type is named, with the parameter sent as text: PGlite's serializers
 * refuse a string for some (boolean, bytea) that a server reads as text. Other types (enums, domains) are left to
 * Postgres to infer, as naming them would need USAGE on their schema, which the API roles may lack.
 */
export function param(column: ColumnInfo, n: number): string {
  if (column.typeSchema !== 'pg_catalog') return `$${n}`;
  return `$${n}::text::pg_catalog.${ident(column.typeName)}${column.isArray ? '[]' : ''}`;
}

export function column(t: TableInfo, name: string): ColumnInfo {
  const c = t.columns.find((c) => c.name === name);
  // The catalog checks ran before anything did: a column missing here is kodo's bug, not the spec's.
  if (!c) throw new Error(`${t.schema}.${t.name} has no column ${name}`);
  return c;
}

/** `insert into t (a, b) values ($1, $2)`, or `default values` for none. */
export function insertStatement(
  t: TableInfo,
  values: Values,
  returning = '',
): { sql: string; params: unknown[] } {
  const names = Object.keys(values);
  const params = names.map((n) => sqlText(values[n], column(t, n)));
  const body =
    names.length === 0
      ? 'default values'
      : `(${names.map(ident).join(', ')}) values (${names.map((n, i) => param(column(t, n), i + 1)).join(', ')})`;
  return { sql: `insert into ${quoteTable(t)} as kodo_row ${body}${returning}`, params };
}

/** `set a = $3, b = $4` (the row's pin is $1, $2); with no values, a no-op update of one column a client could set. */
export function setClause(
  t: TableInfo,
  values: Values | undefined,
): { sql: string; params: unknown[] } | null {
  const names = Object.keys(values ?? {});
  if (names.length > 0) {
    return {
      sql: names.map((n, i) => `${ident(n)} = ${param(column(t, n), i + 3)}`).join(', '),
      params: names.map((n) => sqlText(values![n], column(t, n))),
    };
  }
  const writable = t.columns.filter((c) => !c.generated && c.identity !== 'a');
  const pick = writable.find((c) => !t.primaryKey.includes(c.name)) ?? writable[0];
  return pick ? { sql: `${ident(pick.name)} = ${ident(pick.name)}`, params: [] } : null;
}
