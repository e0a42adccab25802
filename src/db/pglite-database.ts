// PGlite behind the Database interface: starting an instance the way kodo needs it, and wrapping it.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { wasmPath } from './assets.js';
import type { Database, Queryable, QueryResult, TargetKind } from './database.js';
import { installExtensionFiles, loadExtensionFiles } from './extension-files.js';
import { readTar, writeTar, writeTreeTarSync } from './tar.js';

/**
 * PGlite's start parameters with Supabase's search_path (`ALTER ROLE postgres SET search_path TO "$user", public,
 * extensions` on Supabase): `RESET ALL` between migrations returns to it, so `uuid_generate_v4()` resolves as there.
 * Shared buffers are initialised in memory at start: 16 MB instead of 128 MB saves 125 MB of RSS per database.
 */
export const START_PARAMS: string[] = [
  ...PGlite.defaultStartParams.map((p) =>
    p.startsWith('search_path=') ? 'search_path="$user", public, extensions' : p,
  ),
  '-c',
  'shared_buffers=16MB',
  // After a CHECKPOINT, keep no recycled WAL segments beyond the minimum: a cached database state (see
  // src/db/prefix-cache) is then its relation files, not 17 MB of old WAL for every thousand tables.
  '-c',
  'min_wal_size=2MB',
];

/**
 * initdb options for the snapshot: 1 MB WAL segments instead of 16 MB, so every database starts from a 24 MB
 * data directory rather than a 40 MB one (most of the difference being a zero-filled WAL segment).
 */
export const INITDB_PARAMS: string[] = ['--wal-segsize=1'];

// The tsconfig's libs declare WebAssembly's types but not the global object.
const wasm = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }
).WebAssembly;
const modules = new Map<string, Promise<WebAssembly.Module>>();

/** Compiles pglite.wasm once per process: every PGlite instance after the first starts faster. */
function pgliteModule(assetDir: string): Promise<WebAssembly.Module> {
  let module = modules.get(assetDir);
  if (!module) {
    module = fs.readFile(wasmPath(assetDir)).then((bytes) => wasm.compile(bytes));
    modules.set(assetDir, module);
  }
  return module;
}

export interface PgliteStart {
  assetDir: string;
  /** A folder for a persistent database; in memory when absent. */
  dataDir?: string;
  /** A data-directory tarball to start from (a new database only). */
  loadDataDir?: Blob;
}

/** Starts compiling PGlite and reading extension files, to overlap with other start-up work (both memoized). */
export function preparePglite(assetDir: string): Promise<unknown> {
  return Promise.all([pgliteModule(assetDir), loadExtensionFiles(assetDir)]);
}

/** Starts PGlite with kodo's settings and every extension's files in place. */
export async function startPglite(start: PgliteStart): Promise<PGlite> {
  const files = loadExtensionFiles(start.assetDir);
  // Caught here and rethrown below, so that a failure does not go unhandled while PGlite starts.
  files.catch(() => undefined);
  // What PGlite.create does (construct, then waitReady), so that a failed start can be cleaned up below.
  const pg = new PGlite({
    dataDir: start.dataDir,
    loadDataDir: start.loadDataDir,
    pgliteWasmModule: await pgliteModule(start.assetDir),
    startParams: START_PARAMS,
    initDbStartParams: INITDB_PARAMS,
    // node-postgres returns int8 as a string (it may not fit a JS number); PGlite is made to agree.
    parsers: { 20: (value: string) => value },
  });
  try {
    await pg.waitReady;
  } catch (e) {
    // A start that fails (a damaged data directory) cannot be closed, and Postgres's interval timer would keep
    // the process alive for 10 s after the error: clear it, when this PGlite build exposes the function.
    (pg as unknown as { mod?: { _clear_setitimer?: () => void } }).mod?._clear_setitimer?.();
    throw e;
  }
  try {
    installExtensionFiles(pg, await files);
  } catch (e) {
    await pg.close().catch(() => undefined);
    throw e;
  }
  return pg;
}

type PgliteQueryable = Pick<Transaction, 'query' | 'exec'>;

/**
 * SQLSTATEs of damaged files (data_corrupted, index_corrupted, undefined_file, io_error): in the project's own
 * PGlite database they mean .kodo/db itself is damaged, not the migration that met them.
 */
const DAMAGE = new Set(['XX001', 'XX002', '58P01', '58030']);

/** Adds what PGlite's error lacks for an extension it does not ship, or for a damaged data directory: what to do. */
function explain(e: unknown, persistent: boolean): unknown {
  if (typeof e !== 'object' || e === null) return e;
  const err = e as { message?: unknown; hint?: unknown; code?: unknown };
  if (persistent && typeof err.code === 'string' && DAMAGE.has(err.code) && !err.hint) {
    err.hint =
      "kodo's embedded database in .kodo/db is damaged; run kodo reset to rebuild it from your migrations and seeds (only the data in that local database is lost).";
    return e;
  }
  const missing =
    typeof err.message === 'string' ? /^extension "(.+)" is not available$/.exec(err.message) : null;
  if (missing) {
    err.hint = `kodo's embedded database (PGlite) has no ${missing[1]} extension and no stand-in for it; apply these migrations to a real Postgres with --db local or --db <postgres URL>.`;
  }
  return e;
}

function queryable(target: PgliteQueryable, persistent: boolean): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      try {
        const result = await target.query<T>(sql, params);
        // PGlite reports 0 for a SELECT; node-postgres reports nothing: agree on "nothing".
        const reportsRows = result.fields.length === 0 || (result.affectedRows ?? 0) > 0;
        return { rows: result.rows, affectedRows: reportsRows ? result.affectedRows : undefined };
      } catch (e) {
        throw explain(e, persistent);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await target.exec(sql);
      } catch (e) {
        throw explain(e, persistent);
      }
    },
  };
}

export class PgliteDatabase implements Database {
  readonly kind: TargetKind;
  readonly label: string;
  readonly throwaway: boolean;
  private readonly direct: Queryable;
  private readonly onClose: (() => Promise<void>) | undefined;
  private closing: Promise<void> | undefined;

  /** The data directory on disk, when the database has one (embedded, restored checkpoints); else in memory. */
  readonly dataDir: string | undefined;

  constructor(
    private readonly pg: PGlite,
    options: {
      kind: TargetKind;
      label: string;
      throwaway: boolean;
      onClose?: () => Promise<void>;
      dataDir?: string;
    },
  ) {
    this.kind = options.kind;
    this.dataDir = options.dataDir;
    this.label = options.label;
    this.throwaway = options.throwaway;
    this.direct = queryable(pg, !options.throwaway);
    this.onClose = options.onClose;
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return this.direct.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.direct.exec(sql);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) => fn(queryable(tx, !this.throwaway)));
  }

  /**
   * Archives the data directory into `file` and returns its sha256, consistent because PGlite is idle between
   * queries: a CHECKPOINT first, so a database started from it has no WAL to replay, and only the WAL segments from
   * that checkpoint on (the recycled ones hold nothing and come back by themselves). Files on disk are read with
   * Node's own file functions, one at a time; in memory, PGlite archives them.
   */
  async captureDataDir(file: string): Promise<string> {
    await this.pg.exec('CHECKPOINT');
    const { rows } = await this.pg.query<{ first: string; last: string }>(
      `select pg_walfile_name(redo_lsn) as first, pg_walfile_name(pg_current_wal_insert_lsn()) as last
         from pg_control_checkpoint()`,
    );
    const { first, last } = rows[0]!;
    const wanted = (p: string) => {
      const wal = /^pg_wal\/([0-9A-F]{24})$/.exec(p)?.[1];
      return p !== 'postmaster.pid' && (wal === undefined || (wal >= first && wal <= last));
    };
    if (this.dataDir) return writeTreeTarSync(this.dataDir, file, wanted);
    const dump = await this.pg.dumpDataDir('none');
    const tar = writeTar(readTar(new Uint8Array(await dump.arrayBuffer())).filter((e) => wanted(e.path)));
    await fs.writeFile(file, tar, { flag: 'wx' });
    return createHash('sha256').update(tar).digest('hex');
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.pg.closed) await this.pg.close();
      } finally {
        await this.onClose?.();
      }
    })();
    return this.closing;
  }
}
