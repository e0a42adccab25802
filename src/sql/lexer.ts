// A small Postgres lexer for what the parser drops: comments, literal spans and top-level semicolons, which
// ignore directives, statement trimming and recovery after a syntax error need. libpg-query's `scan` finds the
// same (test/lint/lexer-vs-scan.test.ts checks that it does), but it returns every token as JSON and costs more
// than parsing: one pass here is a few ms for 1,000 files. It follows scan.l's rules for quotes, dollar quotes
// and comments.

export interface Span {
  /** Char offset of the first character. */
  start: number;
  /** Char offset just past the last character. */
  end: number;
}

export interface Comment extends Span {
  /** `--` or `/*`. */
  kind: 'line' | 'block';
  /** The comment's text without its `--` / `/* … *\/` markers. */
  body: string;
}

export interface Literal extends Span {
  /** `string` for '…' (incl. E'…', B'…', X'…', U&'…', whose prefix the span starts with), `dollar` for $tag$…$tag$. */
  kind: 'string' | 'dollar';
  /** Char offset where the literal's content starts (after the opening quote or tag). */
  contentStart: number;
  /** Char offset where the content ends (before the closing quote or tag). */
  contentEnd: number;
}

export interface Lexed {
  comments: Comment[];
  literals: Literal[];
  /** Char offsets of semicolons outside quotes, comments and parentheses. */
  semicolons: number[];
}

/** A character code that can start an unquoted identifier (any non-ASCII character can, as in scan.l). */
export const isIdentStart = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
/** A character code that can continue one. */
export const isIdentChar = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;

/** The offset of the `"` closing the quoted identifier that opens at `open` (`""` is a quote inside it), or `limit`. */
export function quotedIdentifierEnd(text: string, open: number, limit: number): number {
  let j = open + 1;
  while (j < limit) {
    if (text.charCodeAt(j) === 34) {
      if (text.charCodeAt(j + 1) === 34) j += 2;
      else break;
    } else j++;
  }
  return Math.min(j, limit);
}

/** Scans `text` once, in linear time; unterminated quotes and comments run to the end of the text. */
export function lex(text: string): Lexed {
  const comments: Comment[] = [];
  const literals: Literal[] = [];
  const semicolons: number[] = [];
  const n = text.length;
  let depth = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      let j = i + 2;
      while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      comments.push({ kind: 'line', start: i, end: j, body: text.slice(i + 2, j) });
      i = j;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42) {
      let j = i + 2;
      let nest = 1;
      while (j < n && nest > 0) {
        if (text.charCodeAt(j) === 47 && text.charCodeAt(j + 1) === 42) {
          nest++;
          j += 2;
        } else if (text.charCodeAt(j) === 42 && text.charCodeAt(j + 1) === 47) {
          nest--;
          j += 2;
        } else j++;
      }
      comments.push({ kind: 'block', start: i, end: j, body: text.slice(i + 2, nest === 0 ? j - 2 : j) });
      i = j;
    } else if (c === 39 /* ' */) {
      i = quoted(text, i, isEscapeString(text, i), literals);
    } else if (c === 34 /* " */) {
      i = Math.min(n, quotedIdentifierEnd(text, i, n) + 1);
    } else if (c === 36 /* $ */ && (i === 0 || !isIdentChar(text.charCodeAt(i - 1)))) {
      const tag = dollarTag(text, i);
      if (tag === null) {
        i++;
        continue;
      }
      const close = text.indexOf(tag, i + tag.length);
      const end = close < 0 ? n : close + tag.length;
      literals.push({
        kind: 'dollar',
        start: i,
        end,
        contentStart: i + tag.length,
        contentEnd: close < 0 ? n : close,
      });
      i = end;
    } else if (isIdentStart(c)) {
      // Identifiers and keywords are skipped whole so that a `$` or quote inside them is not misread.
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      i = j;
    } else {
      if (c === 40) depth++;
      else if (c === 41) depth = Math.max(0, depth - 1);
      else if (c === 59 && depth === 0) semicolons.push(i);
      i++;
    }
  }
  return { comments, literals, semicolons };
}

/** E'…' (and e'…') strings take backslash escapes; the prefix must be a token of its own. */
function isEscapeString(text: string, quote: number): boolean {
  const p = text.charCodeAt(quote - 1);
  if (p !== 69 && p !== 101) return false;
  return quote < 2 || !isIdentChar(text.charCodeAt(quote - 2));
}

function quoted(text: string, quote: number, backslash: boolean, out: Literal[]): number {
  const n = text.length;
  let j = quote + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (backslash && c === 92) j += 2;
    else if (c === 39) {
      if (text.charCodeAt(j + 1) === 39) j += 2;
      else break;
    } else j++;
  }
  const end = Math.min(n, j + 1);
  out.push({
    kind: 'string',
    start: prefixStart(text, quote),
    end,
    contentStart: quote + 1,
    contentEnd: Math.min(n, j),
  });
  return end;
}

/** Where a string starts when it has an E, B, X or U& prefix of its own (as in scan.l); else the quote. */
function prefixStart(text: string, quote: number): number {
  const standalone = (at: number) => at < 0 || !isIdentChar(text.charCodeAt(at));
  const p = text.charCodeAt(quote - 1) | 0x20; // lower-cased letter
  if ((p === 101 || p === 98 || p === 120) && standalone(quote - 2)) return quote - 1;
  if (
    text.charCodeAt(quote - 1) === 38 &&
    (text.charCodeAt(quote - 2) | 0x20) === 117 &&
    standalone(quote - 3)
  )
    return quote - 2;
  return quote;
}

/** `$tag$` starting at `i`, or null when the `$` starts a parameter (`$1`) or nothing. */
function dollarTag(text: string, i: number): string | null {
  let j = i + 1;
  if (text.charCodeAt(j) === 36) return '$$';
  if (!isIdentStart(text.charCodeAt(j)) || text.charCodeAt(j) === 36) return null;
  while (j < text.length && isIdentChar(text.charCodeAt(j)) && text.charCodeAt(j) !== 36) j++;
  return text.charCodeAt(j) === 36 ? text.slice(i, j + 1) : null;
}

/**
 * The text with the `/` and `*` characters inside every nested block comment's body turned into spaces, so the
 * comment is one flat `/* … *\/` of the same length in characters, bytes and code points (offsets stay valid).
 * Postgres's scanner re-reads the rest of a run of operator characters at every `/*` inside a comment, which makes
 * 100,000 nested openers quadratic (22 s); to the parser a comment is whitespace, nested or not, so it
 * reads the flat text in linear time. Returns `text` itself when no comment nests.
 */
export function flattenNestedComments(text: string, comments: Comment[] = lex(text).comments): string {
  let out: string | undefined;
  let done = 0;
  for (const c of comments) {
    if (c.kind !== 'block' || !c.body.includes('/*')) continue;
    const bodyStart = c.start + 2;
    out = (out ?? '') + text.slice(done, bodyStart) + c.body.replace(/[/*]/g, ' ');
    done = bodyStart + c.body.length;
  }
  return out === undefined ? text : out + text.slice(done);
}
