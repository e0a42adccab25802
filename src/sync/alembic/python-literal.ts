// Reads the module-level assignments Alembic keeps in a revision file (`revision = "ab12"`, `down_revision =
// ("a", "b")`) without running Python: status lists revisions this way, cheaply, and sync orders them this way.

/** What a revision variable holds: a string, several (a tuple or list), None, or something only Python knows. */
export type PyValue =
  | { kind: 'none' }
  | { kind: 'strings'; values: string[] }
  | { kind: 'missing' }
  | { kind: 'other'; text: string };

/**
 * The value assigned to `name` at column 0 (annotated or not: `down_revision: Union[str, None] = "x"`). The last
 * assignment wins, as when Python runs the module. A value spanning lines (black's tuple style) is followed until
 * its brackets close.
 */
export function assignedValue(source: string, name: string): PyValue {
  const head = new RegExp(`^${name}[ \\t]*(?::[^=\\n]*)?=(?!=)`, 'gm');
  let last: number | undefined;
  for (let m = head.exec(source); m !== null; m = head.exec(source)) last = m.index + m[0].length;
  if (last === undefined) return { kind: 'missing' };
  return parseValue(expressionAt(source, last));
}

/** The text of the expression starting at `start`: to the end of the line, or further while brackets are open. */
function expressionAt(source: string, start: number): string {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"' || c === "'") {
      i = stringEnd(source, i);
      continue;
    }
    if (c === '#') {
      const eol = source.indexOf('\n', i);
      i = eol === -1 ? source.length : eol;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '\n' && depth <= 0 && source[i - 1] !== '\\') break;
    i++;
  }
  return source.slice(start, i);
}

/** Index just past the string literal opening at `i` (single or triple quoted). */
function stringEnd(source: string, i: number): number {
  const q = source[i]!;
  const triple = source.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  let j = i + close.length;
  while (j < source.length) {
    if (source[j] === '\\') {
      j += 2;
      continue;
    }
    if (source.startsWith(close, j)) return j + close.length;
    if (!triple && source[j] === '\n') return j;
    j++;
  }
  return j;
}

const STRING = /^(?:[rRuU]?)(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')/;

function parseValue(raw: string): PyValue {
  const text = raw.replace(/#[^\n]*/g, '').trim();
  if (text === 'None') return { kind: 'none' };
  const values: string[] = [];
  let rest = text;
  let brackets = false;
  while (rest !== '') {
    const s = STRING.exec(rest);
    if (s) {
      values.push((s[1] ?? s[2] ?? '').replace(/\\(.)/g, '$1'));
      rest = rest.slice(s[0].length).trimStart();
      continue;
    }
    if (/^[()[\],\s\\]/.test(rest)) {
      if (rest[0] === '(' || rest[0] === '[') brackets = true;
      rest = rest.slice(1);
      continue;
    }
    return { kind: 'other', text };
  }
  // `"a"`, `("a",)`, `["a", "b"]` and `()` all name revisions, as Alembic's to_tuple reads them.
  if (values.length === 0 && !brackets) return { kind: 'other', text };
  return { kind: 'strings', values };
}
