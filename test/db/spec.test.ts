// `--db` values: parsing, labels, and never a password in a label or an error.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { KodoError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/db/open.js';
import { withLibpqSsl } from '../../src/db/postgres.js';
import { LOCAL_URL, parseDatabaseSpec, redactUrl, urlLabel } from '../../src/db/spec.js';
import { tempRoot } from './targets.js';

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('parseDatabaseSpec', () => {
  it('defaults to embedded, then to KODO_DATABASE_URL', () => {
    expect(parseDatabaseSpec(undefined, {})).toEqual({ kind: 'embedded' });
    expect(parseDatabaseSpec('', {})).toEqual({ kind: 'embedded' });
    expect(parseDatabaseSpec(undefined, { KODO_DATABASE_URL: 'memory' })).toEqual({ kind: 'memory' });
    expect(parseDatabaseSpec('embedded', { KODO_DATABASE_URL: 'memory' })).toEqual({ kind: 'embedded' });
    expect(
      parseDatabaseSpec(undefined, { KODO_DATABASE_URL: 'postgres://u:pw@db.example.com/app' }),
    ).toMatchObject({
      kind: 'postgres',
      url: 'postgres://u:pw@db.example.com/app',
      label: 'postgres://u@db.example.com:5432/app',
    });
  });

  it('knows embedded, memory, local and postgres URLs', () => {
    expect(parseDatabaseSpec('memory', {})).toEqual({ kind: 'memory' });
    expect(parseDatabaseSpec('local', {})).toEqual({
      kind: 'postgres',
      url: LOCAL_URL,
      label: 'postgresql://postgres@127.0.0.1:54322/postgres',
      local: true,
    });
    expect(parseDatabaseSpec('postgresql://app@10.0.0.5:6543/main?sslmode=require', {})).toMatchObject({
      kind: 'postgres',
      label: 'postgresql://app@10.0.0.5:6543/main',
      local: false,
    });
  });

  it('rejects anything else, listing the valid values, without echoing a password', () => {
    expect(() => parseDatabaseSpec('sqlite', {})).toThrow(
      'Unknown database "sqlite" in --db; use embedded, memory, local, or a postgres:// or postgresql:// URL.',
    );
    expect(() => parseDatabaseSpec(undefined, { KODO_DATABASE_URL: 'mysql://root:hunter2@h/db' })).toThrow(
      'Unknown database "mysql://root:***@h/db" in KODO_DATABASE_URL; use embedded, memory, local, or a postgres:// or postgresql:// URL.',
    );
    expect(() => parseDatabaseSpec('postgres://u:hunter2@[bad/db', {})).toThrow(KodoError);
    try {
      parseDatabaseSpec('postgres://u:hunter2@[bad/db', {});
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});

describe('URL display', () => {
  it('hides passwords in both places a URL can carry one', () => {
    expect(redactUrl('postgres://u:hunter2@h:1/db')).toBe('postgres://u:***@h:1/db');
    expect(redactUrl('postgres://u@h/db?password=hunter2&sslmode=require')).toBe(
      'postgres://u@h/db?password=***&sslmode=require',
    );
    expect(urlLabel('postgres://u:hunter2@h/db?password=hunter2')).toBe('postgres://u@h:5432/db');
  });
});

describe('connection errors', () => {
  it('name host and port, hide the password and say what to do', async () => {
    const port = await deadPort();
    const url = `postgres://postgres:hunter2@127.0.0.1:${port}/x`;
    const error = await openDatabase(url, { root: await tempRoot() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KodoError);
    expect((error as Error).message).toBe(
      `Cannot connect to postgres://postgres:***@127.0.0.1:${port}/x (connection refused); is the server running?`,
    );
  });

  it('report an unknown host', async () => {
    const error = await openDatabase('postgres://u:hunter2@no-such-host.invalid/x', {
      root: await tempRoot(),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Cannot connect to postgres://u:***@no-such-host.invalid/x (unknown host); check the host name.',
    );
  });
});

describe('withLibpqSsl', () => {
  it('gives sslmode its libpq meaning and leaves other URLs alone', () => {
    expect(withLibpqSsl('postgres://u:p@h:6543/db?sslmode=require')).toBe(
      'postgres://u:p@h:6543/db?sslmode=require&uselibpqcompat=true',
    );
    expect(withLibpqSsl('postgres://u:p@h/db')).toBe('postgres://u:p@h/db');
  });
});
