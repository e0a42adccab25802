// The one small interface every database target implements: PGlite (embedded, memory) and Postgres (pg).

export interface QueryResult<T> {
  /** Values as node-postgres returns them on both engines: int8 and numeric as strings, json parsed, arrays as arrays. */
  rows: T[];
  /** Rows changed by INSERT/UPDATE/DELETE, when the engine reports it. */
  affectedRows: number | undefined;
}

/** A Postgres error as both engines report it, normalised. */
export interface DatabaseErrorInfo {
  message: string;
  sqlstate: string | undefined;
  detail: string | undefined;
  hint: string | undefined;
  /** 1-based character offset into the statement that failed, when Postgres gives one. */
  position: number | undefined;
}

export interface Queryable {
  /** One statement, extended protocol, with $1… parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Any number of statements, simple protocol, no parameters. */
  exec(sql: string): Promise<void>;
}

export type TargetKind = 'embedded' | 'memory' | 'postgres';

export interface Database extends Queryable {
  readonly kind: TargetKind;
  /** What to show people: `embedded (.kodo/db)`, `postgres://user@host:5432/db` — never a password. */
  readonly label: string;
  /** True for databases that exist only for this run (memory, scratch databases). */
  readonly throwaway: boolean;
  /** Runs `fn` in BEGIN … COMMIT, rolling back if it throws; inside `fn`, use only `tx`. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
