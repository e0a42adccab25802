// A Postgres server behind the Database interface: ONE pg connection, so session state and advisory locks hold.
import pg from 'pg';
import { KodoError } from '../core/errors.js';
import type { Database, Queryable, QueryResult, TargetKind } from './database.js';
import { redactUrl } from './spec.js';

const CONNECT_TIMEOUT_MS = 10_000;

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
      const result = await client.query(config);
      return {
        rows: result.rows as T[],
        affectedRows: commandCounts(result.command) ? (result.rowCount ?? undefined) : undefined,
      };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
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

/**
 * URLs copied from Supabase or psql mean sslmode as libpq does (`require`: encrypt, do not verify the certificate);
 * node-postgres treats `require` as `verify-full` unless told to follow libpq.
 */
export function withLibpqSsl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.searchParams.has('sslmode') || u.searchParams.has('uselibpqcompat')) return url;
    u.searchParams.set('uselibpqcompat', 'true');
    return u.toString();
  } catch {
    return url;
  }
}

/** Opens one connection; a failure is a KodoError naming host and port, never the password. */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: withLibpqSsl(url),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'kodo',
  });
  // A connection lost later surfaces on the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (e) {
    await client.end().catch(() => undefined);
    const problem = connectionProblem(e);
    const reason = problem?.reason ?? (e as Error).message;
    const advice = problem?.advice ?? 'check the URL and that the server accepts connections.';
    // pg puts neither the URL nor the password in its messages, but a custom message might echo the URL.
    const safeReason = reason.split(url).join(redactUrl(url));
    throw new KodoError('db-unreachable', `Cannot connect to ${redactUrl(url)} (${safeReason}); ${advice}`);
  }
}
