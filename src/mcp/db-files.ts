// A database URL (or libpq key/value string) can name files the driver reads (TLS certificates and keys): given
// as a tool argument, those must lie inside the server's roots like every other path. The server's own
// environment (KODO_DATABASE_URL) is the user's, and is not checked.
import type { Roots } from './roots.js';

const FILE_PARAMETER =
  /(?:^|[?&\s])(sslrootcert|sslcert|sslkey|sslcrl|passfile)\s*=\s*('(?:[^'\\]|\\.)*'|[^&\s]*)/gi;

export function confineDatabaseFiles(roots: Roots, root: string, db: unknown): void {
  if (typeof db !== 'string') return;
  for (const [, name, raw = ''] of db.matchAll(FILE_PARAMETER)) {
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : safeDecode(raw);
    if (value !== '' && value !== 'system') roots.path(root, value, `db parameter ${name}`);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
