// A Postgres server behind the Database interface: ONE pg connection, so session state and advisory locks hold.
import pg from 'pg';
import { KodoError } from '../core/errors.js';
import type { ConnInfo } from './conninfo.js';
import type { Database, Queryable, QueryResult, TargetKind } from './database.js';
import { explainLockTimeout } from './lock-wait.js';
import { pgConfig } from './pg-config.js';
import { redactSecrets } from './redact.js';

/** Why a connection failed, in a few words, and what to try; undefined when the server answered with an error. */
function connectionProblem(e: unknown): { reason: string; advice: string } | undefined {
  const err = e as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] };
  // A host with several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError.
  const code = err.code ?? err.errors?.[0]?.code;
  const message = err.message ?? '';
  if (code === 'ECONNREFUSED') return { reason: 'connection refused', advice: 'is the server running?' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { reason: 'unknown host', advice: 'check the host name.' };
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return { reason: 'timed out', advice: 'is the server running and reachable?' };
  }
  if (code === 'ECONNRESET' || /terminated unexpectedly/i.test(message)) {
    return {
      reason: 'connection closed by the server',
      advice: 'check the port and whether the server wants SSL.',
    };
  }
  if (code === '28P01' || code === '28000')
    return { reason: message, advice: 'check the user and password.' };
  if (code === '3D000') return { reason: message, advice: 'check the database name.' };
  // pg's words when the server asks for a password and none was given (SCRAM, or md5 with an undefined password).
  if (/client password must be a string|password authentication.*no password/i.test(message)) {
    return {
      reason: 'the server asks for a password and none was given',
      advice: 'add it to the connection string or set PGPASSWORD.',
    };
  }
  return undefined;
}

function commandCounts(command: string | null | undefined): boolean {
  return (
    command === 'INSERT' ||
    command === 'UPDATE' ||
    command === 'DELETE' ||
    command === 'MERGE' ||
    command === 'COPY'
  );
}

/** How each client was opened, to look up lock holders on a second connection after a lock timeout. */
const configs = new WeakMap<pg.Client, { config: pg.ClientConfig; lockTimeoutMs: number | undefined }>();

/** A lock timeout (55P03) gets who holds the lock in its detail; every error goes on as it was. */
async function explained<T>(client: pg.Client, sql: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const opened = configs.get(client);
    if ((e as { code?: string }).code === '55P03' && opened) {
      const pid = (client as pg.Client & { processID: number }).processID;
      await explainLockTimeout(e as { detail?: string }, opened.config, pid, sql, opened.lockTimeoutMs);
    }
    throw e;
  }
}

function queryable(client: pg.Client): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      // Extended protocol even without parameters, as the Supabase CLI sends statements (and as PGlite does);
      // @types/pg does not know pg's `queryMode` yet.
      const config: pg.QueryConfig & { queryMode: 'extended' } = {
        text: sql,
        values: params ?? [],
        queryMode: 'extended',
      };
      const result = await explained(client, sql, () => client.query(config));
      return {
        rows: result.rows as T[],
        affectedRows: commandCounts(result.command) ? (result.rowCount ?? undefined) : undefined,
      };
    },
    async exec(sql: string): Promise<void> {
      await explained(client, sql, () => client.query(sql));
    },
  };
}

export class PostgresDatabase implements Database {
  readonly kind: TargetKind = 'postgres';
  private readonly direct: Queryable;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: pg.Client,
    readonly label: string,
    readonly throwaway: boolean,
    private readonly onClose?: () => Promise<void>,
  ) {
    this.direct = queryable(client);
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return this.direct.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.direct.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    await this.client.query('begin');
    try {
      const result = await fn(this.direct);
      await this.client.query('commit');
      return result;
    } catch (e) {
      await this.client.query('rollback').catch(() => undefined);
      throw e;
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.client.end();
      } finally {
        await this.onClose?.();
      }
    })();
    return this.closing;
  }
}

export interface ConnectOptions {
  /** The session's lock_timeout in ms (0 or undefined: the server's setting). */
  lockTimeoutMs?: number | undefined;
}

/**
 * Opens one connection to `conn`; a failure is a KodoError naming `shown` (the target without its password) and
 * what to try, with pg's own words scrubbed of every password kodo knows.
 */
export async function connectPostgres(
  conn: ConnInfo,
  shown: string,
  opts: ConnectOptions = {},
): Promise<pg.Client> {
  const config = pgConfig(conn, opts.lockTimeoutMs);
  try {
    return await connectWith(config, opts);
  } catch (e) {
    // libpq's sslmode=prefer: SSL when the server offers it, a plain connection otherwise.
    if (conn['sslmode'] === 'prefer' && /does not support SSL/i.test((e as Error).message ?? '')) {
      return await connectWith({ ...config, ssl: false }, opts).catch((e2: unknown) => {
        throw connectFailure(e2, shown);
      });
    }
    throw connectFailure(e, shown);
  }
}

async function connectWith(config: pg.ClientConfig, opts: ConnectOptions): Promise<pg.Client> {
  const client = new pg.Client(config);
  // A connection lost later surfaces on the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  configs.set(client, { config, lockTimeoutMs: opts.lockTimeoutMs });
  return client;
}

function connectFailure(e: unknown, shown: string): KodoError {
  const problem = connectionProblem(e);
  const reason = redactSecrets(problem?.reason ?? String((e as Error)?.message ?? e));
  const advice = problem?.advice ?? 'check the connection string and that the server accepts connections.';
  return new KodoError('db-unreachable', `Cannot connect to ${shown} (${reason}); ${advice}`);
}
