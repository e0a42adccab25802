// One drizzle migration file turned into a SourceMigration: bytes hashed as they are, SQL kept as it is.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readRegularFileSync } from '../../core/fs.js';
import type { SourceMigration } from '../types.js';
import { nameOfTag } from './name.js';
import { statementNotes } from './statements.js';

/** What drizzle-kit pull writes: the whole schema, commented out. */
const INTROSPECTED = '-- Current sql file was generated after introspecting the database';

/** Reads `file` (absolute); `tag` gives the name, `notes` come first in the result. */
export function readMigration(root: string, file: string, tag: string, notes: string[]): SourceMigration {
  const source = relativeSource(root, file);
  const bytes = readRegularFileSync(file, source);
  // The BOM is dropped from the SQL only: the hash stays the file's, as drizzle's migrator computes it.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const extra = [...notes, ...statementNotes(text)];
  if (text.startsWith(INTROSPECTED)) {
    extra.push(
      'written by drizzle-kit pull and fully commented out: it changes nothing until you uncomment it.',
    );
  }
  return {
    source,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    name: nameOfTag(tag),
    // `--> statement-breakpoint` markers stay: to Postgres and the Supabase CLI they are `--` comments, and
    // removing them would mean editing SQL text (even inside a dollar-quoted body) that we otherwise copy exactly.
    sql: text.endsWith('\n') ? text : `${text}\n`,
    noTransaction: false,
    down: null,
    notes: extra,
  };
}

/** The path relative to the project root with forward slashes: the source's identity in tracking headers. */
export function relativeSource(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
