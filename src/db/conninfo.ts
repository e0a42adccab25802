// Connection strings as libpq reads them, `postgres://…` URIs and `key=value … ` strings, into one keyword map.
//
// Written here because pg-connection-string (pg's own parser) reads URLs with WHATWG URL rules, where an
// unencoded `#`, `?` or `/` in a password ends the authority and turns the user name into a host name, and it
// has no key=value form at all. No message here quotes the input: any part of it may be a password.
import { KodoError } from '../core/errors.js';

export type ConnInfo = Record<string, string>;

/** libpq keywords kodo passes on to pg (see pg-config.ts). */
export const SUPPORTED = [
  'host',
  'port',
  'dbname',
  'user',
  'password',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'sslpassword',
  'connect_timeout',
  'application_name',
  'fallback_application_name',
  'options',
  'client_encoding',
  'keepalives',
  'keepalives_idle',
] as const;

/** libpq keywords that change nothing pg does (or only tune it), accepted and ignored, plus URL extras of other tools. */
const IGNORED = new Set([
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'sslcompression',
  'sslsni',
  'sslnegotiation',
  'gssencmode',
  'gsslib',
  'gssdelegation',
  'krbsrvname',
  'channel_binding',
  'ssl_min_protocol_version',
  'ssl_max_protocol_version',
  'uselibpqcompat',
  'pgbouncer',
  'connection_limit',
  'pool_timeout',
]);

/** libpq keywords whose meaning kodo cannot honour through pg: refused by name rather than silently dropped. */
const UNSUPPORTED = new Set([
  'hostaddr',
  'service',
  'passfile',
  'target_session_attrs',
  'load_balance_hosts',
  'require_auth',
  'replication',
  'requirepeer',
  'sslcrl',
  'sslcrldir',
  'sslcertmode',
]);

const SSLMODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);

/** Thrown for a connection string that cannot be read; `source` is `--db` or `KODO_DATABASE_URL`. */
function invalid(source: string, why: string): KodoError {
  return new KodoError(
    'invalid-db',
    `The connection string in ${source} ${why} (it is not shown, as it may contain a password).`,
  );
}

/** `value` is a libpq key=value string: it starts with a keyword and `=`. */
export function looksLikeKeyValue(value: string): boolean {
  return /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(value);
}

/** Reads a libpq key=value string: values may be single-quoted, and a backslash escapes the next character. */
export function parseKeyValue(text: string, source: string): ConnInfo {
  const out: ConnInfo = {};
  const ws = (c: string | undefined) => c !== undefined && /\s/.test(c);
  let i = 0;
  let pairs = 0;
  for (;;) {
    while (ws(text[i])) i++;
    if (i >= text.length) break;
    let key = '';
    while (i < text.length && !ws(text[i]) && text[i] !== '=') key += text[i++];
    while (ws(text[i])) i++;
    pairs++;
    if (text[i] !== '=') throw invalid(source, `is missing "=" after its keyword number ${pairs}`);
    i++;
    while (ws(text[i])) i++;
    let value = '';
    if (text[i] === "'") {
      i++;
      for (;;) {
        if (i >= text.length)
          throw invalid(source, `has an unterminated quoted value (keyword number ${pairs})`);
        const c = text[i++]!;
        if (c === "'") break;
        value += c === '\\' && i < text.length ? text[i++]! : c;
      }
    } else {
      while (i < text.length && !ws(text[i])) {
        const c = text[i++]!;
        value += c === '\\' && i < text.length ? text[i++]! : c;
      }
    }
    out[checkKeyword(key, pairs, source)] = value;
  }
  return validate(out, source);
}

const URI = /^postgres(?:ql)?:\/\//i;

/**
 * Reads a `postgres://` URI as libpq does (user info ends at the first `@` before any `/`; `#` and `?` are plain
 * characters there; everything percent-decoded), and also reads an unencoded `@` or `/` in a password when only
 * one reading of the URI names a valid host. Two valid readings are refused: kodo never guesses a host.
 */
export function parseUri(text: string, source: string): ConnInfo {
  const rest = text.replace(URI, '');
  const stop = rest.search(/[@/]/);
  const libpq = stop >= 0 && rest[stop] === '@' ? stop : -1;
  let problem: unknown;
  const read = (at: number) => {
    try {
      return readAuthority(rest, at, source, at === libpq);
    } catch (e) {
      if (at === libpq) problem = e;
      return undefined;
    }
  };
  const first = read(libpq);
  if (first && !first['dbname']?.includes('@')) return validate(first, source);
  const readings = [first];
  for (let at = rest.indexOf('@'); at >= 0; at = rest.indexOf('@', at + 1)) {
    if (at !== libpq) readings.push(read(at));
  }
  const valid = readings.filter((r): r is ConnInfo => r !== undefined);
  if (valid.length === 1) return validate(valid[0]!, source);
  if (valid.length === 0) throw problem ?? invalid(source, 'is not a valid postgres:// URL');
  throw invalid(
    source,
    'can be read with more than one host (an "@" or "/" in the password or database name); percent-encode them (%40, %2F) or use the key=value form',
  );
}

const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%-]*)(?::[0-9]*)?$/;

/** One reading of the URI with user info ending at `at` (-1: none); undefined when the host part is not valid. */
function readAuthority(rest: string, at: number, source: string, libpq: boolean): ConnInfo | undefined {
  const out: ConnInfo = {};
  if (at >= 0) {
    const info = rest.slice(0, at);
    const colon = info.indexOf(':');
    const user = colon >= 0 ? info.slice(0, colon) : info;
    // Another reading than libpq's must still start with a plain user name.
    if (!libpq && (user === '' || /[/?]/.test(user))) return undefined;
    if (user) out['user'] = decode(user);
    if (colon >= 0 && colon < info.length - 1) out['password'] = decode(info.slice(colon + 1));
  }
  const m = /^([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/s.exec(rest.slice(at + 1));
  if (!m) return undefined;
  const hosts = m[1]!.split(',');
  if (!hosts.every((h) => HOST.test(h))) return undefined;
  if (hosts.length > 1) throw invalid(source, 'names several hosts, which kodo does not support; name one');
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hosts[0]!)!;
  const host = hostPort[1]!.replace(/^\[(.*)\]$/, '$1');
  if (host) out['host'] = decode(host);
  if (hostPort[2]) out['port'] = hostPort[2];
  // `@` and `/` in one database name mean the path is the rest of a password: not a reading of the URI.
  if (m[2]?.includes('@') && m[2].includes('/')) return undefined;
  if (m[2]) out['dbname'] = decode(m[2]);
  if (m[3]) readQuery(m[3], out, source);
  return out;
}

function readQuery(query: string, out: ConnInfo, source: string): void {
  for (const [index, pair] of query.split('&').entries()) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) throw invalid(source, `has a query parameter without "=" (number ${index + 1})`);
    out[checkKeyword(decode(pair.slice(0, eq)), index + 1, source)] = decode(pair.slice(eq + 1));
  }
}

/** Percent-decoding that leaves a `%` not followed by two hex digits as it is (libpq would refuse the URI). */
function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    return s;
  }
}

function checkKeyword(key: string, n: number, source: string): string {
  if ((SUPPORTED as readonly string[]).includes(key) || IGNORED.has(key) || key === 'ssl') return key;
  if (UNSUPPORTED.has(key)) {
    throw new KodoError(
      'invalid-db',
      `The connection string in ${source} uses "${key}", which kodo does not support; spell the connection out with host, port, dbname and user.`,
    );
  }
  // The keyword itself is not echoed: in a mistyped string it may be a piece of the password.
  throw invalid(source, `has a keyword libpq does not know (number ${n}); use ${SUPPORTED.join(', ')}`);
}

function validate(info: ConnInfo, source: string): ConnInfo {
  const port = info['port'];
  if (port !== undefined && !/^[0-9]{1,5}$/.test(port))
    throw invalid(source, 'has a port that is not a number');
  // 0 would make pg fall back to 5432 while kodo shows :0; above 65535 the socket never connects.
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    throw invalid(source, 'has a port outside 1-65535');
  if (info['host']?.includes(','))
    throw invalid(source, 'names several hosts, which kodo does not support; name one');
  const mode = info['sslmode'];
  if (mode !== undefined && !SSLMODES.has(mode)) {
    throw new KodoError(
      'invalid-db',
      `The connection string in ${source} has an unknown sslmode; use one of ${[...SSLMODES].join(', ')}.`,
    );
  }
  return info;
}
