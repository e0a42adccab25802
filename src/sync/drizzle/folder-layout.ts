// drizzle-kit 1.0: `<out>/<timestamp>_<name>/migration.sql` in folder-name order, no journal.
import path from 'node:path';
import type { SourceRead } from '../types.js';
import type { OutListing } from './listing.js';
import { readMigration, relativeSource } from './migration.js';
import { compareNames } from './order.js';

export const NOT_A_FOLDER = 'not a drizzle-kit migration folder (<name>/migration.sql)';

/**
 * drizzle-orm 1.0's migrator sorts the folders with localeCompare; kodo sorts with compareNames, which no
 * locale changes and which agrees for drizzle's `<14 digits>_<name>` folders. Loose `.sql` files (hand-written,
 * never run by drizzle) take their place among the folders by the same order.
 */
export function readFolderLayout(root: string, out: string, listing: OutListing): SourceRead {
  const items = [
    ...listing.folders.map((name) => ({ name, loose: false })),
    ...listing.sqlFiles.map((file) => ({ name: file.slice(0, -'.sql'.length), loose: true })),
  ].sort((a, b) => compareNames(a.name, b.name) || Number(a.loose) - Number(b.loose));
  const migrations = items.map(({ name, loose }) =>
    loose
      ? readMigration(root, path.join(out, `${name}.sql`), name, [NOT_A_FOLDER])
      : readMigration(root, path.join(out, name, 'migration.sql'), name, []),
  );
  const shownOut = relativeSource(root, out) || '.';
  // Only what the user could not guess: folders in name order are drizzle's own order and need no note.
  const notes: string[] = [];
  if (listing.sqlFiles.length > 0) {
    notes.push(
      `${shownOut}: ${listing.sqlFiles.length} loose .sql ${listing.sqlFiles.length === 1 ? 'file is' : 'files are'} ${NOT_A_FOLDER} (drizzle's migrator never runs ${listing.sqlFiles.length === 1 ? 'it' : 'them'}) and synced too, in name order among the folders (number prefixes compared as numbers).`,
    );
  }
  return { migrations, notes };
}
