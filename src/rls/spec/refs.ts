// References inside spec values: `$alice` (a persona's user id), `$alice.email`, `$acme` (a fixture's primary
// key), `$acme.slug` (a column of the inserted row), `${alice}.png` where a name runs into text, `$$` for a
// literal `$`. A value that is exactly one reference takes the referenced value as it is (null included);
// references inside longer text are spliced in as text.
import { type Path, SpecProblem } from './problem.js';

export interface Ref {
  name: string;
  field: string | undefined;
}

type Part = string | Ref;

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const TOKEN = new RegExp(`\\$\\$|\\$\\{(${NAME}(?:\\.${NAME})?)\\}|\\$(${NAME}(?:\\.${NAME})?)|\\$\\{?`, 'g');

export const isName = (s: string): boolean => new RegExp(`^${NAME}$`).test(s);

/** `$alice.email`, as written in messages. */
export const showRef = (r: Ref): string => `$${r.name}${r.field === undefined ? '' : `.${r.field}`}`;

function parse(text: string, at: Path): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const body = m[1] ?? m[2];
    if (m[0] === '$$') parts.push('$');
    else if (body === undefined) {
      throw new SpecProblem(
        at,
        `"${text}" has a "$" that starts no reference; write $name or $name.column to refer to a persona or fixture, or $$ for a literal $`,
      );
    } else {
      const [name, field] = body.split('.') as [string, string | undefined];
      parts.push({ name, field });
    }
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Every reference in `value` (strings, and the values of lists and maps; never keys), with its path. */
export function refsIn(value: unknown, at: Path): { ref: Ref; at: Path }[] {
  if (typeof value === 'string') {
    return parse(value, at)
      .filter((p): p is Ref => typeof p !== 'string')
      .map((ref) => ({ ref, at }));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => refsIn(v, [...at, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => refsIn(v, [...at, k]));
  }
  return [];
}

/** `value` with every reference replaced by what `lookup` gives (a string, or null for SQL NULL). */
export function resolveRefs(value: unknown, at: Path, lookup: (ref: Ref) => string | null): unknown {
  if (typeof value === 'string') {
    const parts = parse(value, at);
    if (parts.length === 1 && typeof parts[0] !== 'string') return lookup(parts[0]!);
    return parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const v = lookup(p);
        if (v === null)
          throw new SpecProblem(at, `${showRef(p)} is null, so it cannot be part of "${value}"`);
        return v;
      })
      .join('');
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveRefs(v, [...at, i], lookup));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, [...at, k], lookup)]));
  }
  return value;
}
