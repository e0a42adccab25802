// A database URL (or libpq key/value string) can name files the driver reads (TLS certificates and keys): given
// as a tool argument, those must lie inside the server's roots like every other path. The server's own
// environment (KODO_DATABASE_URL) is the user's, and is not checked.
import { parseDatabaseSpec } from '../db/spec.js';
import type { Roots } from './roots.js';

const FILE_KEYWORDS = ['sslrootcert', 'sslcert', 'sslkey', 'sslcrl', 'passfile'] as const;

export function confineDatabaseFiles(roots: Roots, root: string, db: unknown): void {
  if (typeof db !== 'string') return;
  // The same parser that connects reads the value; an invalid one throws the error the tool would give anyway.
  const target = parseDatabaseSpec(db, {});
  if (target.kind !== 'postgres') return;
  for (const name of FILE_KEYWORDS) {
    const value = target.conn[name];
    // `system` is libpq's name for the system's CA store, not a file.
    if (value && value !== 'system') roots.path(root, value, `db parameter ${name}`);
  }
}
