// Splits a migration file into statements exactly as the Supabase CLI does, keeping where each starts in the file.
//
// The CLI (Go `pkg/parser`, and its TypeScript port) runs a small state machine over the file's code points:
// a `;` ends a statement unless it sits inside a quote, a dollar quote, a comment, parentheses, or a
// `BEGIN ATOMIC … END` body. Each raw statement is then stripped of trailing `;` and surrounding whitespace,
// and empty ones are dropped. Those strings are what the CLI executes and stores in
// `schema_migrations.statements`, so kodo must produce byte-identical arrays, quirks included
// (a backslash outside quotes escapes the next character; `E'it\'s'` is mis-split; `/*/` closes a comment).

export interface SplitStatement {
  /** The statement as the CLI stores it: no trailing `;`, no surrounding whitespace. */
  sql: string;
  /** Index (UTF-16 code units, as JavaScript strings count) in the file of the statement's first character. */
  offset: number;
}

/** The text scanned so far for the current statement: `src[start, end)`. */
interface Scan {
  src: string;
  start: number;
  end: number;
}

interface State {
  /** The state after `rune`, or null when `rune` ends the statement. */
  next(rune: string, scan: Scan): State | null;
}

const SQL_WHITESPACE = ' \t\n\r\f\v';

/** Postgres's lexer counts every code point from 0x80 up as an identifier or dollar-tag character. */
function isIdentifierRune(rune: string): boolean {
  const cp = rune.codePointAt(0) ?? 0;
  return cp >= 0x80 || /^[A-Za-z0-9_$]$/.test(rune);
}

function hasIdentifierRuneBefore(scan: Scan, offset: number): boolean {
  if (offset <= scan.start) return false;
  const from = offset - 2 >= scan.start ? offset - 2 : offset - 1;
  const last = Array.from(scan.src.slice(from, offset)).at(-1);
  return last !== undefined && isIdentifierRune(last);
}

/** Whether the scanned text ending at `end` ends with `keyword` (upper-case ASCII) as a whole word. */
function endsWithKeyword(scan: Scan, end: number, keyword: string): boolean {
  const offset = end - keyword.length;
  if (offset < scan.start) return false;
  const tail = scan.src.slice(offset, end).replace(/[a-z]/g, (c) => c.toUpperCase());
  return tail === keyword && !hasIdentifierRuneBefore(scan, offset);
}

function isBeginAtomic(scan: Scan): boolean {
  if (!endsWithKeyword(scan, scan.end, 'ATOMIC')) return false;
  let end = scan.end - 'ATOMIC'.length;
  while (end > scan.start && SQL_WHITESPACE.includes(scan.src[end - 1]!)) end--;
  return endsWithKeyword(scan, end, 'BEGIN');
}

function endsWith(scan: Scan, text: string): boolean {
  return scan.end - scan.start >= text.length && scan.src.startsWith(text, scan.end - text.length);
}

/** Only whitespace and complete comments (the block-comment scan mirrors BlockState's sliding window). */
function isCommentsAndWhitespace(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    if (SQL_WHITESPACE.includes(text[i]!)) {
      i += 1;
    } else if (text.startsWith('--', i)) {
      const newline = text.indexOf('\n', i + 2);
      if (newline === -1) return true;
      i = newline + 1;
    } else if (text.startsWith('/*', i)) {
      let depth = 1;
      i += 2;
      while (i < text.length && depth > 0) {
        const window = text.slice(i - 1, i + 1);
        if (window === '/*') depth += 1;
        else if (window === '*/') depth -= 1;
        i += 1;
      }
      if (depth > 0) return true;
    } else {
      return false;
    }
  }
  return true;
}

class Ready implements State {
  next(rune: string, scan: Scan): State | null {
    switch (rune) {
      case '$': {
        // `$` right after an identifier character continues the identifier (`a$$b`), it opens no quote.
        const offset = scan.end - 1;
        return hasIdentifierRuneBefore(scan, offset) ? this : new Tag(offset);
      }
      case "'":
      case '"':
        return new Quote(rune);
      case '-':
        return new MaybeLineComment();
      case '/':
        return new Block();
      case '\\':
        return new Escape();
      case ';':
        return null;
      case '(':
        return new Paren(new Ready());
      case 'c':
      case 'C':
        return isBeginAtomic(scan) ? new Atomic(new Ready(), scan.end) : this;
      default:
        return this;
    }
  }
}

/** After one `-`: a second one opens a line comment, which ends at the newline like a dollar quote. */
class MaybeLineComment implements State {
  next(rune: string, scan: Scan): State | null {
    if (rune === '-') return new Dollar('\n');
    return new Ready().next(rune, scan);
  }
}

/** After `/`: counts nested `/* … *\/` pairs over a two-character window. */
class Block implements State {
  private depth = 0;
  next(rune: string, scan: Scan): State | null {
    if (endsWith(scan, '/*')) {
      this.depth += 1;
      return this;
    }
    if (this.depth === 0) return new Ready().next(rune, scan);
    if (endsWith(scan, '*/')) {
      this.depth -= 1;
      if (this.depth === 0) return new Ready();
    }
    return this;
  }
}

/** Inside `'…'` or `"…"`: a doubled delimiter stays inside; backslashes are not special. */
class Quote implements State {
  private closing = false;
  constructor(private readonly delimiter: string) {}
  next(rune: string, scan: Scan): State | null {
    if (this.closing) {
      if (rune === this.delimiter) {
        this.closing = false;
        return this;
      }
      return new Ready().next(rune, scan);
    }
    if (rune === this.delimiter) this.closing = true;
    return this;
  }
}

/** Inside a dollar quote (or a line comment): nothing is escaped until the delimiter reappears. */
class Dollar implements State {
  constructor(private readonly delimiter: string) {}
  next(_rune: string, scan: Scan): State | null {
    return endsWith(scan, this.delimiter) ? new Ready() : this;
  }
}

/** After `$`: a tag of identifier characters, then `$` opens the dollar quote. */
class Tag implements State {
  constructor(private readonly offset: number) {}
  next(rune: string, scan: Scan): State | null {
    if (rune === '$') return new Dollar(scan.src.slice(this.offset, scan.end));
    if (isIdentifierRune(rune)) return this;
    return new Ready().next(rune, scan);
  }
}

/** After `\`: the next character is taken literally (so `\;` never splits). */
class Escape implements State {
  next(): State | null {
    return new Ready();
  }
}

/**
 * Inside `( … )`: no `;` splits. Like the CLI, the `)` closing an inner pair closes the outer one too, so a `(`
 * inside parentheses is the same state as the outer one: it is collapsed into it rather than nested, which keeps
 * deeply nested parentheses linear (the CLI's chain of states would recurse once per level, on every character).
 */
class Paren implements State {
  constructor(private inner: State) {}
  next(rune: string, scan: Scan): State | null {
    const next = this.inner.next(rune, scan);
    if (next === null) {
      this.inner = new Ready();
      return this;
    }
    this.inner = next instanceof Paren ? next.inner : next;
    if (!(this.inner instanceof Ready)) return this;
    return rune === ')' ? new Ready() : this;
  }
}

/**
 * Inside a `BEGIN ATOMIC` body: inner statements end with `;`, and the body's `END` is always the first
 * word of an inner statement, so an `END` after other text (a CASE arm) does not close it.
 */
class Atomic implements State {
  private pendingEnd = false;
  private hasContent = false;
  constructor(
    private inner: State,
    private innerStart: number,
  ) {}
  next(rune: string, scan: Scan): State | null {
    const pendingEnd = this.pendingEnd;
    this.pendingEnd = false;
    if (pendingEnd && !isIdentifierRune(rune)) return new Ready().next(rune, scan);
    const next = this.inner.next(rune, scan);
    if (next === null) {
      this.inner = new Ready();
      this.innerStart = scan.end;
      this.hasContent = false;
      return this;
    }
    this.inner = next;
    if (!(this.inner instanceof Ready)) return this;
    if (!this.hasContent && endsWithKeyword(scan, scan.end, 'END')) {
      if (isCommentsAndWhitespace(scan.src.slice(this.innerStart, scan.end - 3))) this.pendingEnd = true;
      else this.hasContent = true;
    }
    return this;
  }
}

/** Raw statements with their `[start, end)` ranges, comments and whitespace included. */
function splitRaw(src: string): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  let state: State = new Ready();
  const scan: Scan = { src, start: 0, end: 0 };
  for (const rune of src) {
    scan.end += rune.length;
    const next = state.next(rune, scan);
    if (next === null) {
      ranges.push({ start: scan.start, end: scan.end });
      scan.start = scan.end;
      state = new Ready();
    } else {
      state = next;
    }
  }
  if (scan.end > scan.start) ranges.push({ start: scan.start, end: scan.end });
  return ranges;
}

/** The file's statements as the Supabase CLI executes and records them, with their offsets in the file. */
export function splitStatements(src: string): SplitStatement[] {
  const statements: SplitStatement[] = [];
  for (const { start, end } of splitRaw(src)) {
    // The CLI trims trailing `;` first, then whitespace (JavaScript's trim, as its TypeScript port does).
    const raw = src.slice(start, end).replace(/;+$/, '');
    const sql = raw.trim();
    if (sql === '') continue;
    statements.push({ sql, offset: start + (raw.length - raw.trimStart().length) });
  }
  return statements;
}

/** Just the strings: what goes into `schema_migrations.statements`. */
export function splitAndTrim(src: string): string[] {
  return splitStatements(src).map((s) => s.sql);
}
