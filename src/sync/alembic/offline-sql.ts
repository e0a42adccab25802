// Alembic's offline output (`alembic upgrade heads --sql`) cut into one SQL text per revision.
//
// Every piece Alembic writes ends with a blank line (`static_output` writes `text + "\n\n"`, statements end with
// `;`), and each step starts with `-- Running upgrade <from, …> -> <to>` (alembic/runtime/migration.py
// run_migrations; an empty from-list leaves two spaces). So the text is cut at the markers, each part is split on
// blank lines, and only pieces that are exactly what Alembic adds are dropped: `BEGIN;`, `COMMIT;` and the version
// table's CREATE/INSERT/UPDATE/DELETE. Everything else is rejoined as it was, so blank lines inside a statement
// (a function body) survive.

export interface RevisionSql {
  /** The revision the step upgrades to. */
  to: string;
  /** Its parents, as the marker lists them. */
  from: string[];
  /** The kept SQL, trimmed; '' when the revision emits nothing (a merge). */
  sql: string;
  /** Statements ran between a COMMIT and a BEGIN: op.get_context().autocommit_block(). */
  autocommit: boolean;
}

export interface OfflineSql {
  revisions: RevisionSql[];
  /** SQL env.py wrote before the first revision that is not Alembic's own (not copied anywhere). */
  preamble: string;
}

const MARKER = /^-- Running upgrade (.*) -> (\S+)$/;

/** The version table when env.py does not rename it (`version_table=`, `version_table_schema=`). */
const DEFAULT_VERSION_TABLE = 'alembic_version';

export function splitOfflineSql(stdout: string): OfflineSql {
  const parts: { marker: RegExpExecArray | null; lines: string[] }[] = [{ marker: null, lines: [] }];
  for (const line of stdout.replace(/\r\n/g, '\n').split('\n')) {
    const marker = MARKER.exec(line);
    if (marker) parts.push({ marker, lines: [] });
    else parts.at(-1)!.lines.push(line);
  }
  const head = parts[0]!.lines.join('\n');
  // From base, Alembic creates its version table before the first step: that names the table, schema included.
  const versionTable = /^CREATE TABLE (\S+) \(/m.exec(head)?.[1] ?? DEFAULT_VERSION_TABLE;
  const isVersionStatement = versionStatement(versionTable);
  return {
    preamble: clean(head, isVersionStatement).sql,
    revisions: parts.slice(1).map(({ marker, lines }) => {
      const { sql, autocommit } = clean(lines.join('\n'), isVersionStatement);
      const from = marker![1]!.trim();
      return { to: marker![2]!, from: from === '' ? [] : from.split(/,\s*/), sql, autocommit };
    }),
  };
}

function clean(
  text: string,
  isVersionStatement: (piece: string) => boolean,
): { sql: string; autocommit: boolean } {
  const kept: string[] = [];
  // A step starts inside Alembic's transaction (its BEGIN came before the marker).
  let inTransaction = true;
  let autocommit = false;
  for (const piece of text.split('\n\n')) {
    const trimmed = piece.trim();
    if (trimmed === 'BEGIN;') inTransaction = true;
    else if (trimmed === 'COMMIT;') inTransaction = false;
    else if (isVersionStatement(trimmed)) continue;
    else if (trimmed !== '') {
      if (!inTransaction) autocommit = true;
      kept.push(piece);
    }
  }
  return { sql: kept.join('\n\n').replace(/^\n+|\s+$/g, ''), autocommit };
}

function versionStatement(table: string): (piece: string) => boolean {
  const t = table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const create = new RegExp(`^CREATE TABLE ${t} \\(`);
  const write = new RegExp(`^(?:INSERT INTO|UPDATE|DELETE FROM) ${t}[\\s(]`);
  return (piece) => piece.endsWith(';') && (create.test(piece) || write.test(piece));
}
