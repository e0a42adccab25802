// The one owner of the migration file-name grammar (the Supabase CLI's regex) and of version order.
import { KodoError } from '../core/errors.js';

/** The Supabase CLI's pattern: version digits, underscore, any name, `.sql`. */
export const MIGRATION_FILE_RE = /^([0-9]+)_(.*)\.sql$/;

export interface MigrationFileName {
  version: string;
  name: string;
}

export function parseMigrationFileName(fileName: string): MigrationFileName | null {
  const m = MIGRATION_FILE_RE.exec(fileName);
  if (!m) return null;
  return { version: m[1]!, name: m[2]! };
}

/**
 * Version order everywhere in kodo: plain string order, which is what Postgres gives for
 * `ORDER BY version` on the history table's text column and what the Supabase CLI compares.
 */
export function compareVersions(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const MAX_NAME_LENGTH = 80;

/**
 * Turns a human name into the snake_case part of a file name. Anything that could point outside the
 * migrations folder is refused rather than silently cleaned.
 */
export function normalizeMigrationName(input: string): string {
  const raw = input.trim();
  if (/[/\\\0]/.test(raw) || raw.includes('..')) {
    throw new KodoError(
      'invalid-name',
      `Migration name "${printable(raw)}" contains a path separator or "..", which could escape supabase/migrations; use words only, like "create users".`,
    );
  }
  // A file name given as the name ("add_orders.sql") should not become "add_orders_sql".
  const snake = raw
    .replace(/\.sql$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (snake === '') {
    throw new KodoError(
      'invalid-name',
      `Migration name "${printable(raw)}" has no letters or digits; give it a descriptive name like "create_users".`,
    );
  }
  if (snake.length > MAX_NAME_LENGTH) {
    throw new KodoError(
      'invalid-name',
      `Migration name is ${snake.length} characters long; keep it under ${MAX_NAME_LENGTH}.`,
    );
  }
  return snake;
}

/** `<version>_<prefix>_<name>.sql`, without repeating a prefix the name already carries. */
export function migrationFileName(version: string, name: string, prefix?: string): string {
  const withPrefix = prefix && !name.startsWith(`${prefix}_`) ? `${prefix}_${name}` : name;
  return `${version}_${withPrefix}.sql`;
}

function printable(s: string): string {
  return s.replace(/\0/g, '\\0').slice(0, 100);
}
