// drizzle-kit 0.x's meta/_journal.json: the list, in order, of the migrations drizzle's migrator runs.
import { KodoError } from '../../core/errors.js';

export interface JournalEntry {
  /** The file name without `.sql`, whatever the `migrations.prefix` (`0000_x`, `20250101120000_x`, `_x`). */
  tag: string;
}

/** Dialects whose SQL is PostgreSQL: `pg` in journals written before drizzle-kit 0.21. */
const POSTGRES = new Set(['postgresql', 'postgres', 'pg']);

/**
 * The journal's entries in array order, which is the order drizzle-orm's migrator applies them (it never sorts
 * by idx). `shown` is the journal's path relative to the project root, for messages.
 */
export function parseJournal(text: string, shown: string): JournalEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalid(shown, `it is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { entries?: unknown }).entries)) {
    throw invalid(shown, 'it has no "entries" array');
  }
  const { entries, dialect } = json as { entries: unknown[]; dialect?: unknown };
  if (typeof dialect === 'string' && !POSTGRES.has(dialect.toLowerCase())) {
    throw new KodoError(
      'drizzle-not-postgres',
      `${shown} holds ${dialect} migrations, but Supabase runs PostgreSQL; sync only a workspace whose drizzle config says dialect: 'postgresql'.`,
    );
  }
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const tag = (entry as { tag?: unknown } | null)?.tag;
    if (typeof tag !== 'string' || tag === '') throw invalid(shown, `entries[${i}].tag is not a file name`);
    // The tag names a file beside the journal's folder: anything that leaves it is not drizzle-kit's.
    if (/[/\\\0]/.test(tag) || tag === '.' || tag === '..') {
      throw invalid(shown, `entries[${i}].tag "${tag}" is not a file name in the migrations folder`);
    }
    if (seen.has(tag)) throw invalid(shown, `it lists "${tag}" twice`);
    seen.add(tag);
    return { tag };
  });
}

function invalid(shown: string, why: string): KodoError {
  return new KodoError(
    'drizzle-journal-invalid',
    `${shown} is not a drizzle-kit journal kodo can read (${why}); restore it from version control or fix it by hand.`,
  );
}
