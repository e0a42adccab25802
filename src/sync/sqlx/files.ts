// The files of a SQLx migrations folder as sqlx-cli reads them (sqlx-core/src/migrate/source.rs): top-level
// `<VERSION>_<DESCRIPTION>.sql`, split at the first `_`, typed by suffix.
import path from 'node:path';
import { KodoError } from '../../core/errors.js';
import { scanSqlFolderSync } from '../../migrations/list.js';

export type SqlxKind = 'simple' | 'up' | 'down';

export interface SqlxFile {
  version: bigint;
  /** sqlx's description: the rest of the name without its suffix, `_` read as a space. */
  description: string;
  kind: SqlxKind;
  /** Absolute path. */
  path: string;
  /** Relative to the project root, forward slashes. */
  shown: string;
}

/** null when the folder does not exist yet. */
export function listSqlxFiles(dir: string, root: string, shownDir: string): SqlxFile[] | null {
  // The same listing every kodo command uses: regular files, and links only to files inside the project.
  const folder = scanSqlFolderSync(dir, root, shownDir);
  if (folder === null) return null;
  return folder.sql.flatMap((file) => {
    const base = path.basename(file);
    const shown = path.posix.join(shownDir, base);
    // sqlx matches the suffix case-sensitively: `0001_x.SQL` is not a migration to it.
    const parsed = base.endsWith('.sql') ? parseSqlxName(base, shown) : null;
    return parsed ? [{ ...parsed, path: file, shown }] : [];
  });
}

/** null for a name sqlx skips silently (no `_`); a version that is not an i64 is an error, as in sqlx. */
function parseSqlxName(base: string, shown: string): Omit<SqlxFile, 'path' | 'shown'> | null {
  const cut = base.indexOf('_');
  if (cut < 0) return null;
  const [head, rest] = [base.slice(0, cut), base.slice(cut + 1)];
  if (!/^[+-]?\d+$/.test(head) || BigInt(head) > 2n ** 63n - 1n || BigInt(head) < -(2n ** 63n)) {
    throw new KodoError(
      'sqlx-bad-version',
      `${shown} does not start with an integer version (sqlx expects names like 0001_create_users.sql); rename it or move it out of the migrations folder.`,
    );
  }
  const kind: SqlxKind = rest.endsWith('.up.sql') ? 'up' : rest.endsWith('.down.sql') ? 'down' : 'simple';
  const suffix = kind === 'simple' ? '.sql' : `.${kind}.sql`;
  return { version: BigInt(head), description: rest.slice(0, -suffix.length).replace(/_/g, ' '), kind };
}
