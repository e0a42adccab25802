// Untrusted JSON text in, a value out: syntax errors with line and column, schema errors with their JSON path.
import type { z } from 'zod';
import { KodoError } from '../core/errors.js';
import { locateJsonError } from './json-locate.js';

/**
 * Parses `text` as JSON. On a syntax error, throws a KodoError whose message names `label`, the line and
 * column (in characters) and what was found there; Node's own message gives no position for some errors.
 */
export function parseJsonText(text: string, label: string, code: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  // Configs and table specs nest a few levels; thousands would overflow the recursive checks that follow.
  const depth = maxDepth(body);
  if (depth > MAX_DEPTH) {
    throw new KodoError(
      code,
      `${label} nests ${depth} levels deep; kodo reads at most ${MAX_DEPTH}, so flatten it.`,
    );
  }
  try {
    return JSON.parse(body);
  } catch {
    const { offset, problem } = locateJsonError(body);
    const { line, column } = lineColumn(body, offset);
    throw new KodoError(
      code,
      `${label} is not valid JSON: ${problem} at line ${line}, column ${column}; fix the syntax.`,
    );
  }
}

/** `stack.workspaces.api.language`, `columns[2].type`, `workspaces["a b"]`. */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** One `path: problem` clause per zod issue, joined with `; `. */
export function formatZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): string {
  return issues
    .map((issue) => `${formatJsonPath([...prefix, ...issue.path])}: ${describeIssue(issue)}`)
    .join('; ');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `is missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_key' && issue.issues.length > 0) {
    return `invalid key: ${issue.issues.map((i) => i.message).join(', ')}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return issue.message;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  // Characters, not UTF-16 units, so the column matches what an editor shows.
  return { line: lines.length, column: Array.from(lines[lines.length - 1] ?? '').length + 1 };
}

/**
 * The JSON path of the first own `__proto__` key in `value`, if any. JSON.parse keeps such a key, but zod drops
 * it on the way into an object: a workspace named `__proto__` would silently vanish instead of being refused.
 */
export function findProtoKey(value: unknown, at: PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key === '__proto__') return [...at, key];
    const found = findProtoKey(child, [...at, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return undefined;
}

const MAX_DEPTH = 100;

/** The deepest nesting of `[` and `{` outside strings, in one pass. */
function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}
