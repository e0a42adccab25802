// Reads one migration file: its text, the sha256 of its bytes (the checksum kodo records) and its statements.
import { createHash } from 'node:crypto';
import { readRegularFileSync } from '../core/fs.js';
import type { MigrationFile } from './list.js';
import { type SplitStatement, splitStatements } from './split.js';

export interface LoadedMigration extends MigrationFile {
  text: string;
  /** Hex sha256 of the file's raw bytes, like the Supabase CLI's seed hashes. */
  sha256: string;
  statements: SplitStatement[];
}

/**
 * Reads with the same type and size checks as lint (no FIFO, no device, at most 64 MB). Synchronous: a loop of
 * small reads on one thread beats a thread-pool round trip per file.
 */
export function readMigrationSync(file: MigrationFile): LoadedMigration {
  const bytes = readRegularFileSync(file.path, file.file);
  const text = bytes.toString('utf8');
  return {
    ...file,
    text,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    statements: splitStatements(text),
  };
}
