// drizzle-kit 0.x: `<out>/<tag>.sql` in meta/_journal.json order, and the hand-written files beside them.
import path from 'node:path';
import { KodoError } from '../../core/errors.js';
import { readRegularFileSync } from '../../core/fs.js';
import type { SourceRead } from '../types.js';
import { parseJournal } from './journal.js';
import type { OutListing } from './listing.js';
import { readMigration, relativeSource } from './migration.js';
import { placeExtras } from './order.js';

export const NOT_IN_JOURNAL = 'not listed in meta/_journal.json';

export const EXTRAS_ORDER =
  'each goes right after the journal entry with the same number prefix (the last one if several), otherwise after the last entry whose name sorts before it (number prefixes compared as numbers, then names), otherwise first; files at the same place go by name';

export function readJournalLayout(root: string, out: string, listing: OutListing): SourceRead {
  const journalFile = path.join(out, 'meta', '_journal.json');
  const shownJournal = relativeSource(root, journalFile);
  const entries = parseJournal(readRegularFileSync(journalFile, shownJournal).toString('utf8'), shownJournal);
  const onDisk = new Set(listing.sqlFiles);
  for (const { tag } of entries) {
    if (!onDisk.has(`${tag}.sql`)) {
      const missing = relativeSource(root, path.join(out, `${tag}.sql`));
      throw new KodoError(
        'drizzle-migration-missing',
        `${shownJournal} lists "${tag}", but ${missing} does not exist; restore the file from version control, or remove the migration with drizzle-kit drop.`,
      );
    }
  }
  const listed = new Set(entries.map((e) => `${e.tag}.sql`));
  const extras = listing.sqlFiles.filter((f) => !listed.has(f));
  const placed = placeExtras(
    entries.map((e) => `${e.tag}.sql`),
    extras,
    (f) => f,
  );
  const migrations = placed.map(({ item, extra, after }) =>
    readMigration(root, path.join(out, item), item.slice(0, -'.sql'.length), extra ? extraNotes(after) : []),
  );
  const shownOut = relativeSource(root, out) || '.';
  // Only what the user could not guess: drizzle's own order needs no note.
  const notes: string[] = [];
  if (extras.length > 0) {
    notes.push(
      `${shownOut}: ${extras.length} .sql ${extras.length === 1 ? 'file is' : 'files are'} ${NOT_IN_JOURNAL} (drizzle's migrator never runs ${extras.length === 1 ? 'it' : 'them'}) and synced too: ${EXTRAS_ORDER}.`,
    );
  }
  return { migrations, notes };
}

function extraNotes(after: string | null): string[] {
  return [NOT_IN_JOURNAL, after === null ? 'placed first' : `placed after ${after}`];
}
