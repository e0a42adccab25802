// What differs between drizzle's migrator and the Supabase CLI when they run the same file.

const BREAKPOINT = '--> statement-breakpoint';

/**
 * drizzle's migrator splits a file on `--> statement-breakpoint` and runs each part alone, so a hand-written
 * part may lack its final `;`; the Supabase CLI runs the whole file as one script, where that joins two
 * statements into a syntax error. Generated parts always end with `;`. Parts ending in a comment are not judged.
 */
export function statementNotes(sql: string): string[] {
  const parts = sql.split(BREAKPOINT);
  const notes: string[] = [];
  parts.forEach((part, i) => {
    if (i === parts.length - 1 || !parts.slice(i + 1).some((p) => p.trim() !== '')) return;
    const last = part.trimEnd().split('\n').pop()?.trim() ?? '';
    if (last === '' || last.startsWith('--') || last.endsWith(';')) return;
    notes.push(
      `statement ${i + 1} has no ';' before its ${BREAKPOINT}: drizzle runs each part alone, the Supabase CLI runs the file as one script; add the ';' in the source.`,
    );
  });
  return notes;
}
