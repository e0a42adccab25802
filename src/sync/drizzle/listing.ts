// What a drizzle `out` folder holds: its journal, its loose .sql files and its 1.0 migration folders.
import fs from 'node:fs';
import path from 'node:path';
import { readDirOrNull } from '../../core/fs.js';

export interface OutListing {
  /** meta/_journal.json exists: the drizzle-kit 0.x layout. */
  hasJournal: boolean;
  /** `*.sql` files directly in the folder, by name. */
  sqlFiles: string[];
  /** Subfolders holding a `migration.sql`: the drizzle-kit 1.0 layout. */
  folders: string[];
}

/** null when the folder does not exist (nothing generated yet). */
export function listOut(dir: string): OutListing | null {
  const entries = readDirOrNull(dir);
  if (entries === null) return null;
  // Dot files are editors' and tools' leftovers (.DS_Store, kodo's own temp files), never migrations.
  const visible = entries.filter((e) => !e.name.startsWith('.'));
  return {
    hasJournal: fs.existsSync(path.join(dir, 'meta', '_journal.json')),
    // Symlinks are listed too; reading refuses any that does not lead to a regular file.
    sqlFiles: visible
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.sql'))
      .map((e) => e.name),
    folders: visible
      .filter((e) => e.isDirectory() && e.name !== 'meta')
      .filter((e) => fs.existsSync(path.join(dir, e.name, 'migration.sql')))
      .map((e) => e.name),
  };
}
