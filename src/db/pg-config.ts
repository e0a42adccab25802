// libpq keywords to a node-postgres client config, with sslmode meaning what it means to libpq and psql.
import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';
import { KodoError } from '../core/errors.js';
import { readRegularFileSync } from '../core/fs.js';
import type { ConnInfo } from './conninfo.js';

const CONNECT_TIMEOUT_MS = 10_000;

/** The pg config for `conn`; `lockTimeoutMs` becomes the session's lock_timeout (survives RESET ALL). */
export function pgConfig(conn: ConnInfo, lockTimeoutMs?: number): pg.ClientConfig {
  const timeout = Number.parseInt(conn['connect_timeout'] ?? '', 10);
  return {
    ...(conn['host'] !== undefined && { host: conn['host'] }),
    ...(conn['port'] !== undefined && { port: Number(conn['port']) }),
    ...(conn['dbname'] !== undefined && { database: conn['dbname'] }),
    ...(conn['user'] !== undefined && { user: conn['user'] }),
    ...(conn['password'] !== undefined && { password: conn['password'] }),
    ...(conn['options'] !== undefined && { options: conn['options'] }),
    ...(conn['client_encoding'] !== undefined && { client_encoding: conn['client_encoding'] }),
    ...(conn['keepalives'] !== undefined && { keepAlive: conn['keepalives'] !== '0' }),
    ...(conn['keepalives_idle'] !== undefined && {
      keepAliveInitialDelayMillis: Number(conn['keepalives_idle']) * 1000,
    }),
    ...(lockTimeoutMs ? { lock_timeout: lockTimeoutMs } : {}),
    application_name: conn['application_name'] ?? conn['fallback_application_name'] ?? 'kodo',
    connectionTimeoutMillis: timeout > 0 ? timeout * 1000 : CONNECT_TIMEOUT_MS,
    ssl: sslConfig(conn),
  };
}

/**
 * libpq's sslmode: `require` encrypts without verifying the certificate (unless sslrootcert is given, then as
 * verify-ca), `verify-ca` checks the chain only, `verify-full` the host name too. No sslmode: no SSL, as pg does
 * (libpq's default `prefer` is tried in connectPostgres). `sslrootcert=system` is the system's CA store.
 */
export function sslConfig(conn: ConnInfo): false | ConnectionOptions {
  const rootcert = conn['sslrootcert'] === 'system' ? undefined : conn['sslrootcert'];
  let mode = conn['sslmode'] ?? (conn['ssl'] === 'true' || conn['ssl'] === '1' ? 'require' : undefined);
  if (conn['sslrootcert'] === 'system' && mode !== 'disable') mode = 'verify-full';
  if (mode === undefined || mode === 'disable' || mode === 'allow') return false;
  const ssl: ConnectionOptions = {};
  if (rootcert !== undefined) ssl.ca = readSslFile(rootcert, 'sslrootcert');
  if (conn['sslcert'] !== undefined) ssl.cert = readSslFile(conn['sslcert'], 'sslcert');
  if (conn['sslkey'] !== undefined) ssl.key = readSslFile(conn['sslkey'], 'sslkey');
  if (conn['sslpassword'] !== undefined) ssl.passphrase = conn['sslpassword'];
  if (mode === 'prefer' || (mode === 'require' && rootcert === undefined)) ssl.rejectUnauthorized = false;
  if (mode === 'verify-ca' || (mode === 'require' && rootcert !== undefined)) {
    if (rootcert === undefined) {
      throw new KodoError(
        'invalid-db',
        'sslmode=verify-ca needs sslrootcert (the CA file to verify the server against); add it, or use verify-full.',
      );
    }
    ssl.checkServerIdentity = () => undefined;
  }
  return ssl;
}

/** A PEM file: a regular file of bounded size, never a FIFO or a device, which would hang or fill memory. */
function readSslFile(file: string, keyword: string): string {
  if (!fs.existsSync(file)) {
    throw new KodoError(
      'ssl-file',
      `The ${keyword} file ${file} does not exist; give the path of the PEM file in ${keyword}, or leave ${keyword} out.`,
    );
  }
  return readRegularFileSync(file, `The ${keyword} file ${file}`).toString('utf8');
}
