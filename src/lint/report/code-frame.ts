// The source line under a text-format finding, with a caret: secrets masked, long lines cut to a window around
// the column, so a frame never prints a key, a password or a 20,000-character line of generated SQL.
import { maskSecretTokens } from '../rules/hardcoded-secret.js';

/** Characters shown on each side of the column when a line is longer than MAX_LINE. */
const WINDOW = 60;
const MAX_LINE = 2 * WINDOW + 40;

/** A quoted string (with '' inside), as it may appear on one line. */
const QUOTED = /'(?:[^']|'')*'/g;

/** The two lines of a code frame (source and caret), or [] when the line is blank. */
export function codeFrame(line: string, lineNumber: number, column: number, rule: string): string[] {
  if (line.trim() === '') return [];
  let chars = [...maskSecretTokens(line)];
  if (rule === 'hardcoded-secret') chars = [...maskLiteralsFrom(chars.join(''), column)];
  let caretAt = column - 1;
  if (chars.length > MAX_LINE) {
    const from = Math.max(0, Math.min(caretAt - WINDOW, chars.length - 2 * WINDOW));
    const to = Math.min(chars.length, from + 2 * WINDOW);
    chars = [...(from > 0 ? ['…'] : []), ...chars.slice(from, to), ...(to < chars.length ? ['…'] : [])];
    caretAt = caretAt - from + (from > 0 ? 1 : 0);
  }
  const gutter = String(lineNumber);
  // Keep tabs so the caret lines up under the same character in a terminal.
  const caret = `${chars
    .slice(0, caretAt)
    .map((ch) => (ch === '\t' ? '\t' : ' '))
    .join('')}^`;
  return [`  ${gutter} | ${chars.join('')}`, `  ${' '.repeat(gutter.length)} | ${caret}`];
}

/**
 * The secret a hardcoded-secret finding points at is a literal at or after its column (a role's PASSWORD 'x', a
 * setting's value, an inserted api_key): the content of every quoted string from there on is starred.
 */
function maskLiteralsFrom(line: string, column: number): string {
  // The column counts code points; replace() gives UTF-16 offsets.
  const from = [...line].slice(0, column - 1).join('').length;
  return line.replace(QUOTED, (m, at: number) =>
    at + m.length > from ? `'${'*'.repeat(Math.max(0, m.length - 2))}'` : m,
  );
}
