// identifier-too-long: names longer than 63 bytes, which Postgres silently truncates (squawk).
import { ident } from '../../sql/ast.js';
import type { LintFile, Rule, Span } from '../types.js';

/** NAMEDATALEN - 1. */
const MAX_BYTES = 63;

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
const isIdentChar = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;

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

/**
 * A run of text that could hold a name over 63 bytes: at least 22 UTF-16 units (21 three-byte characters make
 * only 63 bytes). Statements without one are skipped before the character-by-character scan.
 */
const CANDIDATE = /[\w$\u0080-\uffff]{22,}|"(?:[^"]|""){22,}/g;

/** Comments and literals of a file, in order: identifiers are looked for between them. */
function skipSpans(file: LintFile): Span[] {
  return [...file.comments, ...file.literals].sort((a, b) => a.start - b.start);
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
    /** Start and end of each candidate run, in order; one regex pass per file. */
    let candidates: [number, number][] = [];
    let nextCandidate = 0;
    return {
      fileStart(file) {
        candidates = [];
        nextCandidate = 0;
        for (const m of file.text.matchAll(CANDIDATE)) candidates.push([m.index, m.index + m[0].length]);
        if (candidates.length === 0) return;
        spans = skipSpans(file);
        next = 0;
        seen = new Set();
      },
      statement(stmt) {
        const text = stmt.file.text;
        while (nextCandidate < candidates.length && candidates[nextCandidate]![1] <= stmt.start)
          nextCandidate++;
        const candidate = candidates[nextCandidate];
        if (!candidate || candidate[0] >= stmt.end) return;
        let i = stmt.start;
        while (next < spans.length && spans[next]!.end <= i) next++;
        while (i < stmt.end) {
          const span = spans[next];
          if (span && span.start <= i) {
            i = Math.max(i, span.end);
            next++;
            continue;
          }
          const c = text.charCodeAt(i);
          const start = i;
          let name: string | undefined;
          if (c === 34 /* " */) {
            let j = i + 1;
            while (j < stmt.end) {
              if (text.charCodeAt(j) === 34) {
                if (text.charCodeAt(j + 1) === 34) j += 2;
                else break;
              } else j++;
            }
            name = text.slice(i + 1, j).replace(/""/g, '"');
            i = j + 1;
          } else if (isIdentStart(c)) {
            let j = i + 1;
            while (j < stmt.end && isIdentChar(text.charCodeAt(j))) j++;
            // Unquoted names fold to lower case (ASCII only, like Postgres with a multi-byte encoding).
            name = text.slice(i, j).replace(/[A-Z]+/g, (s) => s.toLowerCase());
            i = j;
          } else if (c >= 48 && c <= 57) {
            // A number, possibly with an exponent or a trailing junk identifier: not a name.
            i++;
            while (i < stmt.end && isIdentChar(text.charCodeAt(i))) i++;
            continue;
          } else {
            i++;
            continue;
          }
          // Fewer than 16 characters cannot exceed 63 bytes.
          if (name.length < 16 || seen.has(name)) continue;
          const bytes = Buffer.byteLength(name, 'utf8');
          if (bytes <= MAX_BYTES) continue;
          seen.add(name);
          report({
            at: { file: stmt.file, offset: start },
            message: `Identifier ${ident(name)} is ${bytes} bytes long and Postgres truncates it to 63 bytes (${ident(truncate(name))}); use a shorter name.`,
          });
        }
      },
    };
  },
} satisfies Rule;
