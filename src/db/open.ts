// Opens the database a `--db` value names: the one entry point every command and tool uses.
import type { Database } from './database.js';
import { openEmbeddedDatabase, openMemoryDatabase } from './pglite.js';
import { connectPostgres, PostgresDatabase } from './postgres.js';
import { openServerScratchDatabase } from './scratch.js';
import { parseDatabaseSpec } from './spec.js';

export interface OpenOptions {
  /** The project root; the embedded database lives in `<root>/.kodo/db`. */
  root: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for another process to close the embedded database (default 10 s). */
  lockTimeoutMs?: number;
}

/**
 * `spec ?? KODO_DATABASE_URL ?? 'embedded'`: `embedded`, `memory`, `local` or a postgres URL. PGlite targets come
 * with the Supabase shim and the extension stand-ins; a server is used as it is (see ensureSupabaseShim).
 */
export async function openDatabase(spec: string | undefined, opts: OpenOptions): Promise<Database> {
  const env = opts.env ?? process.env;
  const target = parseDatabaseSpec(spec, env);
  switch (target.kind) {
    case 'embedded':
      return openEmbeddedDatabase(opts.root, { env, lockTimeoutMs: opts.lockTimeoutMs });
    case 'memory':
      return openMemoryDatabase('memory', { env });
    case 'postgres':
      return new PostgresDatabase(await connectPostgres(target.url), target.label, false);
  }
}

/**
 * A throwaway database for `kodo check`, with the shim: in memory for embedded/memory, and for a server a new
 * `kodo_check_<random>` database on it, dropped by `close()`.
 */
export async function openScratchDatabase(spec: string | undefined, opts: OpenOptions): Promise<Database> {
  const env = opts.env ?? process.env;
  const target = parseDatabaseSpec(spec, env);
  if (target.kind === 'postgres') return openServerScratchDatabase(target.url);
  return openMemoryDatabase('memory (scratch)', { env });
}
