// A string that matches a check's pattern: `~ '^[a-z0-9]+(-[a-z0-9]+)*$'` → `k3x9-q2`, an email pattern →
// `abcd@efgh.ijkl`, `like '%@%'` → `abcd@efgh`. Covers what checks use (anchors, classes, groups, alternation,
// quantifiers, escapes); back references and other rarities give undefined. Characters of a class are drawn at
// random, so two examples of one pattern differ (unique columns); `reps` sets how often open quantifiers repeat.
import { pick, type Random, token } from './random.js';

type Pattern =
  | { kind: 'seq'; items: Pattern[] }
  | { kind: 'alt'; options: Pattern[] }
  | { kind: 'chars'; chars: string }
  | { kind: 'repeat'; body: Pattern; min: number; max: number };

const EMPTY: Pattern = { kind: 'seq', items: [] };
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const POOL = `${LOWER}${DIGITS}-_.`;
const POSIX: Record<string, string> = {
  alpha: LOWER,
  lower: LOWER,
  upper: LOWER.toUpperCase(),
  digit: DIGITS,
  alnum: LOWER + DIGITS,
  xdigit: 'abcdef0123456789',
  space: ' ',
  blank: ' ',
  punct: '-_.',
  word: `${LOWER}${DIGITS}_`,
};
const ESCAPES: Record<string, string> = {
  d: DIGITS,
  w: LOWER + DIGITS,
  s: ' ',
  D: LOWER,
  W: '-',
  S: LOWER,
  n: '\n',
  t: '\t',
};
/** ARE constraint escapes: word boundaries and string ends, which match no character. */
const ZERO_WIDTH = new Set(['A', 'Z', 'm', 'M', 'y', 'Y', 'B']);

class Unsupported extends Error {}

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(): Pattern {
    if (this.text.startsWith('***=')) return literal(this.text.slice(4));
    if (this.text.startsWith('***:')) this.at = 4;
    const options = /^\(\?[a-z]+\)/.exec(this.text.slice(this.at));
    if (options) this.at += options[0].length;
    const pattern = this.alternation();
    if (this.at < this.text.length) throw new Unsupported();
    return pattern;
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  private alternation(): Pattern {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private sequence(): Pattern {
    const items: Pattern[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private atom(): Pattern {
    const c = this.text[this.at++]!;
    if (c === '^' || c === '$') return EMPTY;
    if (c === '.') return { kind: 'chars', chars: LOWER };
    if (c === '[') return this.bracket();
    if (c === '\\') return this.escape();
    if (c === '(') {
      let lookaround = false;
      if (this.peek() === '?') {
        const kind = this.text[this.at + 1];
        if (kind !== ':' && kind !== '=' && kind !== '!') throw new Unsupported();
        lookaround = kind !== ':';
        this.at += 2;
      }
      const body = this.alternation();
      if (this.text[this.at++] !== ')') throw new Unsupported();
      return lookaround ? EMPTY : body;
    }
    if ('*+?{'.includes(c)) throw new Unsupported();
    return { kind: 'chars', chars: c };
  }

  private escape(): Pattern {
    const c = this.text[this.at++];
    if (c === undefined || /[1-9]/.test(c)) throw new Unsupported();
    if (ZERO_WIDTH.has(c)) return EMPTY;
    return { kind: 'chars', chars: ESCAPES[c] ?? c };
  }

  private bracket(): Pattern {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    let set = '';
    for (let first = true; ; first = false) {
      const c = this.text[this.at++];
      if (c === undefined) throw new Unsupported();
      if (c === ']' && !first) break;
      if (c === '[' && this.peek() === ':') {
        const end = this.text.indexOf(':]', this.at);
        if (end < 0) throw new Unsupported();
        set += POSIX[this.text.slice(this.at + 1, end)] ?? '';
        this.at = end + 2;
      } else if (c === '\\' && this.peek() !== undefined) {
        const e = this.text[this.at++]!;
        set += ESCAPES[e] ?? e;
      } else if (
        this.peek() === '-' &&
        this.text[this.at + 1] !== ']' &&
        this.text[this.at + 1] !== undefined
      ) {
        const to = this.text[this.at + 1]!;
        this.at += 2;
        for (let code = c.charCodeAt(0); code <= to.charCodeAt(0) && code - c.charCodeAt(0) < 256; code++) {
          set += String.fromCharCode(code);
        }
      } else {
        set += c;
      }
    }
    if (!negated) return { kind: 'chars', chars: set };
    const allowed = [...POOL].filter((ch) => !set.includes(ch)).join('');
    if (allowed === '') throw new Unsupported();
    return { kind: 'chars', chars: allowed };
  }

  private quantified(body: Pattern): Pattern {
    let min = 1;
    let max = 1;
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.at++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.text.slice(this.at));
      if (!m) return body;
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else {
      return body;
    }
    if (this.peek() === '?') this.at++; // lazy: matches the same strings
    return { kind: 'repeat', body, min, max };
  }
}

function literal(text: string): Pattern {
  return { kind: 'seq', items: [...text].map((chars) => ({ kind: 'chars', chars })) };
}

function generate(p: Pattern, random: Random, reps: number): string {
  switch (p.kind) {
    case 'seq':
      return p.items.map((item) => generate(item, random, reps)).join('');
    case 'alt':
      return generate(p.options[0]!, random, reps);
    case 'chars':
      return p.chars === '' ? '' : pick(random, [...p.chars]);
    case 'repeat': {
      const n = Math.min(Math.max(reps, p.min), p.max);
      let out = '';
      for (let i = 0; i < n; i++) out += generate(p.body, random, reps);
      return out;
    }
  }
}

/** A string matching POSIX regex `pattern` (Postgres's `~`/`~*`), or undefined when kodo cannot read it. */
export function regexExample(pattern: string, random: Random, reps: number): string | undefined {
  try {
    return generate(new Parser(pattern).parse(), random, reps);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** A string matching LIKE `pattern`: `%` as `reps` random letters, `_` as one. */
export function likeExample(pattern: string, random: Random, reps: number): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) out += pattern[++i];
    else if (c === '%') out += token(random, reps);
    else if (c === '_') out += token(random, 1);
    else out += c;
  }
  return out;
}
