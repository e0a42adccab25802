// Reads one migration file: its text, the sha256 of its bytes (the checksum kodo records) and its statements.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { KodoError } from '../core/errors.js';
import type { MigrationFile } from './list.js';
import { type SplitStatement, splitStatements } from './split.js';

export interface LoadedMigration extends MigrationFile {
  text: string;
  /** Hex sha256 of the file's raw bytes, like the Supabase CLI's seed hashes. */
  sha256: string;
  statements: SplitStatement[];
}

export async function readMigration(file: MigrationFile): Promise<LoadedMigration> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file.path);
  } catch (e) {
    throw new KodoError(
      'unreadable',
      `${file.file} cannot be read (${(e as Error).message}); check it exists.`,
    );
  }
  const text = bytes.toString('utf8');
  return {
    ...file,
    text,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    statements: splitStatements(text),
  };
}

export function readMigrations(files: MigrationFile[]): Promise<LoadedMigration[]> {
  return Promise.all(files.map(readMigration));
}
