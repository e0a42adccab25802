// Parses a `--db` value (or KODO_DATABASE_URL) into a database target, and shows servers without their password.
import os from 'node:os';
import { KodoError } from '../core/errors.js';
import { localStackPort } from '../project/supabase-config.js';
import { type ConnInfo, looksLikeKeyValue, parseKeyValue, parseUri } from './conninfo.js';
import { rememberSecret } from './redact.js';

/** The Supabase CLI's default `[db] port`. */
export const LOCAL_PORT = 54322;
export const LOCAL_URL = `postgresql://postgres:postgres@127.0.0.1:${LOCAL_PORT}/postgres`;

export type DatabaseTarget =
  | { kind: 'embedded' }
  | { kind: 'memory' }
  | {
      kind: 'postgres';
      /** libpq keywords (host, port, dbname, user, password, sslmode, …), password included: never print it. */
      conn: ConnInfo;
      /** `postgres://user@host:port/db`: safe to show (a user or database name equal to the password is `***`). */
      label: string;
      /** `postgres://user:***@host/db`, as given but for the password: for connection errors. */
      shown: string;
      /** `postgres:` or `postgresql:`, as given (`postgresql:` for key=value strings). */
      protocol: string;
      /** True when the spec was `local` (the Supabase local stack). */
      local: boolean;
    };

const VALID =
  'embedded, memory, local, a postgres:// or postgresql:// URL, or a libpq key=value string such as "host=… dbname=… user=…"';
const WORDS = ['embedded', 'memory', 'local'];

/**
 * Resolves `spec ?? KODO_DATABASE_URL ?? 'embedded'`; throws a KodoError that says which form was expected and
 * never quotes the value (a mistyped connection string may hold a password).
 *
 * An empty or blank `--db` is an error (`--db "$UNSET"` must not mean the embedded database). So is a set but
 * blank KODO_DATABASE_URL when no `--db` is given: libpq would read an empty PG* variable as "use the default",
 * but a CI job whose `KODO_DATABASE_URL: ${{ secrets.PROD }}` names a missing secret gets exactly that, and
 * would then "apply to production" on a throwaway database and pass. `unset KODO_DATABASE_URL` for the default.
 *
 * `root`, the project root, gives `local` the port of `supabase/config.toml` (`[db] port`) when it sets one.
 */
export function parseDatabaseSpec(
  spec: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  root?: string,
): DatabaseTarget {
  rememberSecret(env['PGPASSWORD']);
  if (spec !== undefined && spec.trim() === '') {
    throw new KodoError(
      'invalid-db',
      'The database argument (--db, or db in MCP) is empty; name a target (embedded, memory, local, a URL or a key=value string) or leave the option out for the default.',
    );
  }
  const fromEnv = env['KODO_DATABASE_URL'];
  if (spec === undefined && fromEnv !== undefined && fromEnv.trim() === '') {
    throw new KodoError(
      'invalid-db',
      'KODO_DATABASE_URL is set but empty; set it to a database (embedded, memory, local, a URL or a key=value string), or unset it to use the embedded database.',
    );
  }
  const value = (spec ?? fromEnv ?? 'embedded').trim();
  const source = spec !== undefined ? '--db' : fromEnv !== undefined ? 'KODO_DATABASE_URL' : 'the default';
  if (value === 'embedded' || value === 'memory') return { kind: value };
  if (value === 'local') {
    const conn = parseUri(LOCAL_URL, source);
    conn['port'] = String((root === undefined ? undefined : localStackPort(root)) ?? LOCAL_PORT);
    const [label, shown] = [false, true].map((p) => connLabel(conn, 'postgresql:', false, p)) as [
      string,
      string,
    ];
    return { kind: 'postgres', conn, label, shown, protocol: 'postgresql:', local: true };
  }
  const scheme = /^(postgres(?:ql)?):\/\//i.exec(value)?.[1];
  if (scheme || looksLikeKeyValue(value)) {
    const conn = withDefaults(scheme ? parseUri(value, source) : parseKeyValue(value, source), env);
    rememberSecret(conn['password']);
    rememberSecret(conn['sslpassword']);
    const protocol = scheme ? `${scheme.toLowerCase()}:` : 'postgresql:';
    const [label, shown] = [false, true].map((p) => connLabel(conn, protocol, true, p)) as [string, string];
    return { kind: 'postgres', conn, label, shown, protocol, local: false };
  }
  throw new KodoError('invalid-db', `${unknownWhy(value)} in ${source}; use ${VALID}.`);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** How refusals name the local stack to a user, with the port this project's stack listens on. */
export function localStackPhrase(root: string): string {
  return `the Supabase local stack (--db local, or a server on 127.0.0.1, localhost or ::1 at port ${localStackPort(root) ?? LOCAL_PORT})`;
}

/**
 * The Supabase local stack: `local`, or a server on this machine (127.0.0.1, localhost, ::1) at the stack's port
 * (`[db] port` of supabase/config.toml, else 54322). `kodo reset` and `kodo down` change only such a server.
 */
export function isLocalStack(target: DatabaseTarget, root?: string): boolean {
  if (target.kind !== 'postgres') return false;
  if (target.local) return true;
  const port = (root === undefined ? undefined : localStackPort(root)) ?? LOCAL_PORT;
  return LOOPBACK.has(target.conn['host'] ?? '') && Number(target.conn['port']) === port;
}

/**
 * The server, port, user and database kodo will really connect to, filled in as libpq and pg fill them
 * (PGHOST, PGPORT, PGUSER, PGDATABASE, then their defaults), so that the plan a user approves, its planId and
 * every message name the real target; pg is then given all four and consults no environment of its own.
 */
function withDefaults(conn: ConnInfo, env: NodeJS.ProcessEnv): ConnInfo {
  // An empty value means the default, as in libpq.
  const out = { ...conn };
  out['host'] ||= env['PGHOST'] || 'localhost';
  out['port'] ||= env['PGPORT'] || '5432';
  out['user'] ||= env['PGUSER'] || env['USER'] || os.userInfo().username;
  out['dbname'] ||= env['PGDATABASE'] || out['user'];
  if (!/^[0-9]{1,5}$/.test(out['port']) || Number(out['port']) < 1 || Number(out['port']) > 65535)
    throw new KodoError('invalid-db', 'PGPORT is not a port number (1-65535); fix it or unset it.');
  return out;
}

/** Why a value is not a database, without quoting it. */
function unknownWhy(value: string): string {
  const other = /^([A-Za-z][A-Za-z0-9+.-]{0,20}):\/\//.exec(value)?.[1];
  if (other) return `Unsupported database URL scheme "${other}://" (the rest of the URL is not shown)`;
  if (/[@:/=]/.test(value)) {
    return 'Unknown database (it looks like a connection string without postgres:// in front; it is not shown, as it may contain a password)';
  }
  const near = WORDS.find((w) => distance(w, value.toLowerCase()) <= 2);
  return near ? `Unknown database (did you mean "${near}"?)` : 'Unknown database (the value is not shown)';
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * `scheme//user@host:port/db` for labels (`withPassword`: `user:***@` when there is one, and the port only when
 * given, for connection errors). A user or database name equal to the password shows as `***`, unless `mask` is
 * false (`local`, whose password is public).
 */
export function connLabel(conn: ConnInfo, scheme: string, mask: boolean, withPassword = false): string {
  const pw = conn['password'];
  const hide = (s: string | undefined) => (mask && s !== undefined && s === pw ? '***' : s);
  const user = hide(conn['user']);
  const host = conn['host'] ?? 'localhost';
  const shownHost = host.startsWith('/') ? encodeURIComponent(host) : host.includes(':') ? `[${host}]` : host;
  const port = conn['port'] ?? (withPassword ? undefined : '5432');
  const db = hide(conn['dbname']);
  const userPart = user === undefined ? '' : `${user}${withPassword && pw !== undefined ? ':***' : ''}@`;
  return `${scheme}//${userPart}${shownHost}${port ? `:${port}` : ''}${db ? `/${db}` : ''}`;
}
