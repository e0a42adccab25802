// Parses a `--db` value (or KODO_DATABASE_URL) into a database target, and shows URLs without their password.
import { KodoError } from '../core/errors.js';

export const LOCAL_URL = 'postgresql://postgres:postgres@127.0.0.1:54322/postgres';

export type DatabaseTarget =
  | { kind: 'embedded' }
  | { kind: 'memory' }
  | {
      kind: 'postgres';
      /** The URL to connect with, password included: never print it. */
      url: string;
      /** `postgres://user@host:port/db`: safe to show. */
      label: string;
      /** True when the spec was `local` (the Supabase local stack). */
      local: boolean;
    };

const VALID = 'embedded, memory, local, or a postgres:// or postgresql:// URL';

/** Resolves `spec ?? KODO_DATABASE_URL ?? 'embedded'`; throws a KodoError naming the valid values. */
export function parseDatabaseSpec(
  spec: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseTarget {
  const given = spec?.trim() || undefined;
  const fromEnv = env['KODO_DATABASE_URL']?.trim() || undefined;
  const value = given ?? fromEnv ?? 'embedded';
  const source = given ? '--db' : fromEnv ? 'KODO_DATABASE_URL' : 'the default';
  if (value === 'embedded' || value === 'memory') return { kind: value };
  if (value === 'local') return { kind: 'postgres', url: LOCAL_URL, label: urlLabel(LOCAL_URL), local: true };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    if (!canParse(value)) {
      throw new KodoError('invalid-db', `The database URL in ${source} is not a valid URL; use ${VALID}.`);
    }
    return { kind: 'postgres', url: value, label: urlLabel(value), local: false };
  }
  // Never echo a value that might be a mistyped URL with a password in it.
  const shown = value.includes('@') ? redactUrl(value) : value;
  throw new KodoError('invalid-db', `Unknown database "${shown}" in ${source}; use ${VALID}.`);
}

function canParse(url: string): boolean {
  try {
    const u = new URL(url);
    return u.hostname !== '' || u.searchParams.has('host');
  } catch {
    return false;
  }
}

/** `postgres://user@host:port/db`: the URL without password or query, for labels. */
export function urlLabel(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${u.username}@` : '';
    const port = u.port || '5432';
    return `${u.protocol}//${user}${u.hostname}:${port}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return redactUrl(url);
  }
}

/** The URL with its password (in the authority or in `?password=`) replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString().replace('%2A%2A%2A', '***');
  } catch {
    return url.replace(/:\/\/([^:/@]*):[^@]*@/, '://$1:***@').replace(/(password=)[^&]*/gi, '$1***');
  }
}
