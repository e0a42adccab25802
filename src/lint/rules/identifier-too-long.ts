// identifier-too-long: names longer than 63 bytes, which Postgres silently truncates (squawk).
import { ident } from '../../sql/ast.js';
import { isIdentChar, isIdentStart, quotedIdentifierEnd } from '../../sql/lexer.js';
import type { LintFile, Rule, Span, Statement } from '../types.js';

/** NAMEDATALEN - 1. */
const MAX_BYTES = 63;
/**
 * A UTF-16 unit is at most 3 bytes of UTF-8 (a 4-byte character takes two units), so a name of fewer than 22
 * units fits in 63 bytes: shorter runs are skipped without cutting a string out of the text.
 */
const MIN_UNITS = 22;

/** The longest prefix of `name` that fits in 63 bytes without splitting a character, as Postgres cuts it. */
function truncate(name: string): string {
  let bytes = 0;
  let out = '';
  for (const ch of name) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > MAX_BYTES) break;
    bytes += n;
    out += ch;
  }
  return out;
}

/** Comments and literals of a file, in order (both lists are): identifiers are looked for between them. */
function skipSpans(file: LintFile): Span[] {
  const a = file.comments;
  const b = file.literals;
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.start <= b[j]!.start ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

export const identifierTooLong = {
  id: 'identifier-too-long',
  severity: 'warning',
  description: 'An identifier (table, column, index, constraint, … name) longer than 63 bytes of UTF-8.',
  help: 'Postgres cuts names to 63 bytes with only a NOTICE, so two long names can collide and later references by the full name go wrong; pick a name of at most 63 bytes (multi-byte characters count several bytes each).',
  create: ({ report }) => {
    let spans: Span[] = [];
    let next = 0;
    let seen = new Set<string>();
    return {
      // Reports point into the file, not at a statement, so a file's statements are all scanned here: a
      // statement hook would cost an engine call for each of them.
      fileStart(file) {
        spans = skipSpans(file);
        next = 0;
        seen = new Set();
        for (const stmt of file.statements) scan(stmt);
      },
    };

    function scan(stmt: Statement): void {
      // A plain character scan: strings are only cut out for runs long enough to matter.
      const text = stmt.file.text;
      const end = stmt.end;
      let i = stmt.start;
      while (next < spans.length && spans[next]!.end <= i) next++;
      let spanStart = next < spans.length ? spans[next]!.start : end;
      while (i < end) {
        if (spanStart <= i) {
          i = Math.max(i, spans[next]!.end);
          next++;
          spanStart = next < spans.length ? spans[next]!.start : end;
          continue;
        }
        const c = text.charCodeAt(i);
        const start = i;
        let name: string;
        if (c === 34 /* " */) {
          const j = quotedIdentifierEnd(text, i, end);
          // Doubled quotes only shorten the name (see MIN_UNITS).
          name = j - i - 1 < MIN_UNITS ? '' : text.slice(i + 1, j).replace(/""/g, '"');
          i = j + 1;
        } else if (isIdentStart(c)) {
          let j = i + 1;
          while (j < end && isIdentChar(text.charCodeAt(j))) j++;
          // Unquoted names fold to lower case (ASCII only, like Postgres with a multi-byte encoding).
          name = j - i < MIN_UNITS ? '' : text.slice(i, j).replace(/[A-Z]+/g, (s) => s.toLowerCase());
          i = j;
        } else if (c >= 48 && c <= 57) {
          // A number, possibly with an exponent or a trailing junk identifier: not a name.
          i++;
          while (i < end && isIdentChar(text.charCodeAt(i))) i++;
          continue;
        } else {
          i++;
          continue;
        }
        if (name.length < MIN_UNITS || seen.has(name)) continue;
        const bytes = Buffer.byteLength(name, 'utf8');
        if (bytes <= MAX_BYTES) continue;
        seen.add(name);
        report({
          at: { file: stmt.file, offset: start },
          message: `Identifier ${ident(name)} is ${bytes} bytes long and Postgres truncates it to 63 bytes (${ident(truncate(name))}); use a shorter name.`,
        });
      }
    }
  },
} satisfies Rule;
