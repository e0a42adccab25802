// The sqlx-cli reader: simple and reversible migrations in numeric version order, `-- no-transaction` carried.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readRegularFileSync } from '../../core/fs.js';
import { normalizeMigrationName } from '../../versions/grammar.js';
import type { SourceMigration, SourceRead, SourceReader, SyncWorkspace } from '../types.js';
import { listSqlxFiles } from './files.js';
import { pairSqlxFiles, type SqlxMigration } from './pairs.js';

/** sqlx checks `sql.starts_with("-- no-transaction")` on the file's text, nothing before it (not even a BOM). */
const NO_TRANSACTION = '-- no-transaction';

export const readSqlx: SourceReader = async (ws: SyncWorkspace): Promise<SourceRead> => {
  const shownDir = path.relative(ws.root, ws.migrationsDir).split(path.sep).join('/') || '.';
  const files = listSqlxFiles(ws.migrationsDir, ws.root, shownDir);
  if (files === null) {
    return { migrations: [], notes: [`${shownDir} does not exist yet: sqlx migrate add has not run.`] };
  }
  // Pairing checks the whole folder before any file is read: a bad folder is refused as a whole.
  const migrations = pairSqlxFiles(files).map(toSource);
  return { migrations, notes: [] };
};

function toSource(m: SqlxMigration): SourceMigration {
  const bytes = readRegularFileSync(m.up.path, m.up.shown);
  const text = bytes.toString('utf8');
  const noTransaction = text.startsWith(NO_TRANSACTION);
  // The marker line leaves the SQL: the synced file carries it in its tracking header instead (src/sync/header.ts).
  const sql = noTransaction ? text.slice(text.indexOf('\n') + 1 || text.length) : text;
  const down = m.down ? withNewline(readRegularFileSync(m.down.path, m.down.shown).toString('utf8')) : null;
  return {
    source: m.up.shown,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    name: nameOf(m),
    sql: withNewline(sql),
    noTransaction,
    down,
    notes: noTransaction
      ? [
          'starts with -- no-transaction: sqlx runs it outside a transaction, while the Supabase CLI (and kodo) run a file in one transaction and only the statements that cannot run inside one (CREATE INDEX CONCURRENTLY, …) on their own; kodo check shows whether it applies that way.',
        ]
      : [],
  };
}

/**
 * The file-name part from sqlx's description. Anything a file name cannot carry is dropped, the length bounded,
 * and a description with no letters at all (`0003_.sql`) named by its version, so a valid sqlx folder always syncs.
 */
function nameOf(m: SqlxMigration): string {
  const words = m.description.replace(/[^A-Za-z0-9]+/g, ' ').trim();
  return words === '' ? `migration_${m.version}` : normalizeMigrationName(words.slice(0, 40));
}

function withNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
