// How advice names objects: as Postgres would print them (quoted where needed), so that a message names the same
// object the static rule of the same id names.
import { display, ident } from '../sql/ast.js';
import type { AdvisorRow } from './types.js';

export { display, ident };

/** `public.todos` for a row's table, view or function. */
export function relation(row: AdvisorRow): string {
  return display({ schema: row.schema_name, name: row.object_name });
}

/** `public.todos.name` for a policy, constraint or column of the row's table. */
export function member(row: AdvisorRow): string {
  return `${relation(row)}.${ident(row.sub_name ?? '')}`;
}

/** A policy name as the static rules quote it. */
export function quoted(name: string): string {
  return `"${name}"`;
}

/** A list of text from a row's detail. */
export function list(row: AdvisorRow, key: string): string[] {
  const value = row.detail?.[key];
  return Array.isArray(value) ? value.map(String) : [];
}

/** A text value from a row's detail. */
export function text(row: AdvisorRow, key: string): string {
  const value = row.detail?.[key];
  return value === undefined || value === null ? '' : String(value);
}

/** `a`, `a and b`, `a, b and c`. */
export function words(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** `anon`, `anon and authenticated`: the API roles a row says can read the object. */
export function readers(row: AdvisorRow): string {
  return words(list(row, 'readers'));
}
