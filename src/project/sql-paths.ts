// The `sql_paths` / `schema_paths` globs of supabase/config.toml, expanded as the Supabase CLI does
// (pkg/config/config.go): each pattern is joined to `supabase/` (`./seed.sql` is `supabase/seed.sql`,
// `../data/*.sql` is `data/*.sql`) and matched as Go's fs.Glob does (`*`, `?`, `[a-z]` within one path element; no
// `**`); each pattern's matches are sorted byte-wise and patterns keep their order. Seeds and declarative schemas
// share this, and differ only in what a pattern that matches nothing means (a warning, an error).
import fs from 'node:fs';
import path from 'node:path';
import { SUPABASE_DIR } from './supabase-config.js';

export interface PatternMatch {
  /** As written in config.toml. */
  raw: string;
  /** Joined to supabase/, slash-separated, relative to the project root. */
  pattern: string;
  /** True when the pattern leaves the project: nothing is matched. */
  outside: boolean;
  /** Matching paths relative to the root, slash-separated, sorted byte-wise. */
  files: string[];
}

export function expandSqlPaths(root: string, patterns: string[]): PatternMatch[] {
  return patterns.map((raw) => {
    const pattern = raw.startsWith('/') ? raw : path.posix.join(SUPABASE_DIR, raw).replace(/\/+$/, '');
    const outside = raw === '' || pattern.startsWith('/') || pattern === '..' || pattern.startsWith('../');
    return { raw, pattern, outside, files: outside ? [] : glob(root, pattern).sort(byteOrder) };
  });
}

export function byteOrder(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}

/** Go's fs.Glob over the project: `pattern` is slash-separated and relative to `root`. */
function glob(root: string, pattern: string): string[] {
  let candidates = [''];
  const parts = pattern.split('/').filter((p, i) => p !== '' && !(p === '.' && i > 0));
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const next: string[] = [];
    for (const dir of candidates) {
      const abs = path.join(root, ...dir.split('/').filter(Boolean));
      if (!hasMeta(part)) {
        const rel = dir ? `${dir}/${unescapeGlob(part)}` : unescapeGlob(part);
        const stat = fs.statSync(path.join(abs, unescapeGlob(part)), { throwIfNoEntry: false });
        if (stat && (last || stat.isDirectory())) next.push(rel);
        continue;
      }
      const re = matcher(part);
      if (!re) return [];
      let names: string[];
      try {
        names = fs.readdirSync(abs);
      } catch {
        continue;
      }
      for (const name of names.sort(byteOrder)) {
        if (re.test(name)) next.push(dir ? `${dir}/${name}` : name);
      }
    }
    candidates = next;
  }
  return candidates.filter((c) => c !== '');
}

function hasMeta(part: string): boolean {
  return /[*?[\\]/.test(part);
}

function unescapeGlob(part: string): string {
  return part.replace(/\\(.)/g, '$1');
}

/** Go's path.Match for one path element, as a regular expression; null for a malformed pattern (no match). */
function matcher(part: string): RegExp | null {
  let re = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (i + 1 >= part.length) return null;
      re += escapeRe(part[++i]!);
    } else if (c === '[') {
      const end = part.indexOf(']', i + 2);
      if (end === -1) return null;
      let body = part.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\]\\^]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else re += escapeRe(c);
  }
  try {
    return new RegExp(`^${re}$`, 'u');
  } catch {
    return null;
  }
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
