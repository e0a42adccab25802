// `--db` values: parsing (URLs as libpq reads them, key=value strings), labels, and never a password in a label
// or an error. The process-level matrix is test/hardening/passwords-matrix.test.ts.
import { describe, expect, it } from 'vitest';
import { KodoError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/db/open.js';
import { sslConfig } from '../../src/db/pg-config.js';
import { redactSecrets, rememberSecret } from '../../src/db/redact.js';
import { parseDatabaseSpec } from '../../src/db/spec.js';
import { deadPort } from '../helpers/net.js';
import { tempRoot } from './targets.js';

function server(spec: string) {
  const target = parseDatabaseSpec(spec, {});
  if (target.kind !== 'postgres') throw new Error(`not a server: ${target.kind}`);
  return target;
}

function refusal(spec: string | undefined, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseDatabaseSpec(spec, env);
  } catch (e) {
    expect(e).toBeInstanceOf(KodoError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('parseDatabaseSpec', () => {
  it('defaults to embedded, then to KODO_DATABASE_URL', () => {
    expect(parseDatabaseSpec(undefined, {})).toEqual({ kind: 'embedded' });
    expect(parseDatabaseSpec(undefined, { KODO_DATABASE_URL: 'memory' })).toEqual({ kind: 'memory' });
    expect(parseDatabaseSpec('embedded', { KODO_DATABASE_URL: 'memory' })).toEqual({ kind: 'embedded' });
    expect(
      parseDatabaseSpec(undefined, { KODO_DATABASE_URL: 'postgres://u:pw@db.example.com/app' }),
    ).toMatchObject({
      kind: 'postgres',
      conn: { user: 'u', password: 'pw', host: 'db.example.com', dbname: 'app' },
      label: 'postgres://u@db.example.com:5432/app',
    });
  });

  it('refuses an empty or blank --db, and a set but empty KODO_DATABASE_URL', () => {
    const empty =
      'The database argument (--db, or db in MCP) is empty; name a target (embedded, memory, local, a URL or a key=value string) or leave the option out for the default.';
    expect(refusal('')).toBe(empty);
    expect(refusal('   ', { KODO_DATABASE_URL: 'memory' })).toBe(empty);
    expect(refusal(undefined, { KODO_DATABASE_URL: ' ' })).toBe(
      'KODO_DATABASE_URL is set but empty; set it to a database (embedded, memory, local, a URL or a key=value string), or unset it to use the embedded database.',
    );
    // --db wins over an empty KODO_DATABASE_URL.
    expect(parseDatabaseSpec('memory', { KODO_DATABASE_URL: '' })).toEqual({ kind: 'memory' });
  });

  it('knows embedded, memory, local and postgres URLs', () => {
    expect(parseDatabaseSpec('memory', {})).toEqual({ kind: 'memory' });
    expect(server('local')).toMatchObject({
      label: 'postgresql://postgres@127.0.0.1:54322/postgres',
      local: true,
    });
    expect(server('postgresql://app@10.0.0.5:6543/main?sslmode=require')).toMatchObject({
      conn: { user: 'app', host: '10.0.0.5', port: '6543', dbname: 'main', sslmode: 'require' },
      label: 'postgresql://app@10.0.0.5:6543/main',
      local: false,
    });
  });

  it('reads libpq key=value strings, with quotes and backslash escapes', () => {
    expect(
      server(
        "host=db.example.com port=6543 dbname='my db' user=app password='it\\'s a \\\\ secret' sslmode=require",
      ).conn,
    ).toEqual({
      host: 'db.example.com',
      port: '6543',
      dbname: 'my db',
      user: 'app',
      password: "it's a \\ secret",
      sslmode: 'require',
    });
    expect(server('host = h  password = p\\ q user=u').conn).toMatchObject({
      host: 'h',
      password: 'p q',
      user: 'u',
    });
    expect(server('host=h dbname=d user=u').label).toBe('postgresql://u@h:5432/d');
  });

  it('labels the target kodo really connects to: PGHOST, PGPORT, PGUSER and PGDATABASE fill in what is missing', () => {
    const env = { PGHOST: 'db.internal', PGPORT: '6543', PGUSER: 'app', PGDATABASE: 'prod' };
    const target = parseDatabaseSpec('postgresql://', env);
    expect(target).toMatchObject({
      conn: { host: 'db.internal', port: '6543', user: 'app', dbname: 'prod' },
      label: 'postgresql://app@db.internal:6543/prod',
    });
    // Without them, pg's own defaults, spelled out; the database defaults to the user's name.
    expect(parseDatabaseSpec('host=h user=u', { PGUSER: 'ignored-when-given' })).toMatchObject({
      label: 'postgresql://u@h:5432/u',
    });
    expect(refusal('postgresql://u@h:0/d')).toMatch(/has a port outside 1-65535/);
    expect(refusal('host=h port=65536')).toMatch(/has a port outside 1-65535/);
    // An empty value means the default, as in libpq.
    expect(parseDatabaseSpec("host='' user=u dbname=d", {})).toMatchObject({
      label: 'postgresql://u@localhost:5432/d',
    });
    expect(refusal('postgresql://h/d', { PGPORT: '99999' })).toBe(
      'PGPORT is not a port number (1-65535); fix it or unset it.',
    );
  });

  it('reads unencoded #, ?, @ and / in a URL password, and refuses a URL with two readings', () => {
    for (const pw of ['a#b', 'a?b', 'a@b', 'a/b', 'S3cr#t?pw@x/1', 'a@b/c', 'p%zz', 'x@evil.com:5432']) {
      expect(server(`postgres://u:${pw}@127.0.0.1:5/db`).conn).toMatchObject({
        user: 'u',
        password: pw,
        host: '127.0.0.1',
        port: '5',
        dbname: 'db',
      });
    }
    expect(server('postgres://u:a%40b%2F@h/db?application_name=x@y').conn).toMatchObject({
      user: 'u',
      password: 'a@b/',
      host: 'h',
      dbname: 'db',
      application_name: 'x@y',
    });
    expect(server('postgres://h/my@db').conn).toMatchObject({ host: 'h', dbname: 'my@db' });
    expect(refusal('postgres://u:pw@h/my@db')).toBe(
      'The connection string in --db can be read with more than one host (an "@" or "/" in the password or database name); percent-encode them (%40, %2F) or use the key=value form (it is not shown, as it may contain a password).',
    );
  });

  it('rejects anything else, saying what was expected, without quoting the value', () => {
    const valid =
      'use embedded, memory, local, a postgres:// or postgresql:// URL, or a libpq key=value string such as "host=… dbname=… user=…".';
    expect(refusal('sqlite')).toBe(`Unknown database (the value is not shown) in --db; ${valid}`);
    expect(refusal('embeded')).toBe(`Unknown database (did you mean "embedded"?) in --db; ${valid}`);
    expect(refusal(undefined, { KODO_DATABASE_URL: 'mysql://root:hunter2@h/db' })).toBe(
      `Unsupported database URL scheme "mysql://" (the rest of the URL is not shown) in KODO_DATABASE_URL; ${valid}`,
    );
    expect(refusal('u:hunter2@h/db')).toBe(
      `Unknown database (it looks like a connection string without postgres:// in front; it is not shown, as it may contain a password) in --db; ${valid}`,
    );
    expect(refusal('host=h password=hunter2 bogus=1')).toMatch(
      /has a keyword libpq does not know \(number 3\)/,
    );
    expect(refusal("host=h password='hunter2")).toMatch(/unterminated quoted value/);
    expect(refusal('host=h port=x5')).toMatch(/port that is not a number/);
    expect(refusal('host=a,b')).toMatch(/several hosts/);
    expect(refusal('service=prod')).toMatch(/uses "service", which kodo does not support/);
    for (const bad of [
      'host=h password=hunter2 bogus=1',
      "host=h password='hunter2",
      'postgres://u:hunter2@[bad/db',
    ]) {
      expect(refusal(bad)).not.toContain('hunter2');
    }
  });
});

describe('labels and redaction', () => {
  it('never show the password, nor a user or database name equal to it', () => {
    expect(server('postgres://u:hunter2@h/db?password=hunter2').label).toBe('postgres://u@h:5432/db');
    expect(server('postgres://hunter2:hunter2@h/hunter2').label).toBe('postgres://***@h:5432/***');
    expect(server('postgres://hunter2:hunter2@h:7/db').shown).toBe('postgres://***:***@h:7/db');
  });

  it('redactSecrets hides remembered passwords as tokens, and password= and user:password@ forms', () => {
    rememberSecret('Tr0ub4dor&3');
    expect(redactSecrets('failed for "Tr0ub4dor&3" and Tr0ub4dor%263 but not xTr0ub4dor&3y')).toBe(
      'failed for "***" and *** but not xTr0ub4dor&3y',
    );
    expect(redactSecrets("host=h password='a b' x postgres://u:p@ss@h/db?password=zz&a=1")).toBe(
      'host=h password=*** x postgres://u:***@h/db?password=***&a=1',
    );
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
    const kv = await openDatabase(`host=127.0.0.1 port=${port} user=u password='hun ter2'`, {
      root: await tempRoot(),
    }).catch((e: unknown) => e);
    expect((kv as Error).message).toBe(
      `Cannot connect to postgresql://u:***@127.0.0.1:${port}/u (connection refused); is the server running?`,
    );
  });

  it('report an unknown host', async () => {
    const error = await openDatabase('postgres://u:hunter2@no-such-host.invalid/x', {
      root: await tempRoot(),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Cannot connect to postgres://u:***@no-such-host.invalid:5432/x (unknown host); check the host name.',
    );
  });

  it('name a missing sslrootcert, sslcert or sslkey file and say what to do', async () => {
    for (const keyword of ['sslrootcert', 'sslcert', 'sslkey']) {
      const error = await openDatabase(
        `postgres://u:hunter2@127.0.0.1:1/x?sslmode=verify-full&${keyword}=/nonexistent/${keyword}.pem`,
        { root: await tempRoot() },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KodoError);
      expect((error as Error).message).toBe(
        `The ${keyword} file /nonexistent/${keyword}.pem does not exist; give the path of the PEM file in ${keyword}, or leave ${keyword} out.`,
      );
    }
  });
});

describe('sslmode as libpq means it', () => {
  it('require encrypts without verifying; verify-full verifies; no sslmode is no SSL', () => {
    expect(sslConfig({ sslmode: 'require' })).toEqual({ rejectUnauthorized: false });
    expect(sslConfig({ sslmode: 'verify-full' })).toEqual({});
    expect(sslConfig({ sslmode: 'disable' })).toBe(false);
    expect(sslConfig({})).toBe(false);
    expect(sslConfig({ sslrootcert: 'system' })).toEqual({});
    expect(() => sslConfig({ sslmode: 'verify-ca' })).toThrow(/sslmode=verify-ca needs sslrootcert/);
  });
});
