// Opens the database a `--db` value names: the one entry point every command and tool uses.
import type { Database } from './database.js';
import { openEmbeddedDatabase, openMemoryDatabase } from './pglite.js';
import { connectPostgres, PostgresDatabase } from './postgres.js';
import { openServerScratchDatabase, type ServerScratchOptions } from './scratch.js';
import { parseDatabaseSpec } from './spec.js';

export interface OpenOptions {
  /** The project root; the embedded database lives in `<root>/.kodo/db`. */
  root: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for another process to close the embedded database (default 10 s). */
  lockTimeoutMs?: number;
  /**
   * A server session's lock_timeout in ms (`up`: apply.lockTimeout), so a migration stuck behind another
   * session's lock fails fast instead of queueing every later query behind it. PGlite has one session: no waits.
   */
  serverLockTimeoutMs?: number | undefined;
}

/**
 * `spec ?? KODO_DATABASE_URL ?? 'embedded'`: `embedded`, `memory`, `local`, a postgres URL or a libpq key=value
 * string. PGlite targets come with the Supabase shim and the extension stand-ins; a server is used as it is (see
 * ensureSupabaseShim).
 */
export async function openDatabase(spec: string | undefined, opts: OpenOptions): Promise<Database> {
  const env = opts.env ?? process.env;
  const target = parseDatabaseSpec(spec, env, opts.root);
  switch (target.kind) {
    case 'embedded':
      return openEmbeddedDatabase(opts.root, { env, lockTimeoutMs: opts.lockTimeoutMs });
    case 'memory':
      return openMemoryDatabase('memory', { env });
    case 'postgres': {
      const client = await connectPostgres(target.conn, target.shown, {
        lockTimeoutMs: opts.serverLockTimeoutMs,
      });
      return new PostgresDatabase(client, target.label, false);
    }
  }
}

/**
 * A throwaway database for `kodo check`, with the shim: in memory for embedded/memory, and for a server a new
 * `kodo_check_<random>` database on it, dropped by `close()`.
 */
export async function openScratchDatabase(
  spec: string | undefined,
  opts: OpenOptions & { server?: ServerScratchOptions },
): Promise<Database> {
  const env = opts.env ?? process.env;
  const target = parseDatabaseSpec(spec, env, opts.root);
  if (target.kind === 'postgres') return openServerScratchDatabase(target, opts.server);
  return openMemoryDatabase('memory (scratch)', { env });
}
