// Ignore directives in comments: `-- kodo-ignore a, b` (this line or the next statement),
// `-- kodo-ignore-file [a, b]`, and squawk's `squawk-ignore` / `squawk-ignore-file` forms.
import type { Comment } from '../sql/lexer.js';
import type { LintFile } from './types.js';

/** squawk's rule ids: accepted in `squawk-ignore` comments even where kodo has no such rule. */
const SQUAWK_RULES = new Set([
  'adding-field-with-default',
  'adding-foreign-key-constraint',
  'adding-not-nullable-field',
  'adding-required-field',
  'adding-serial-primary-key-field',
  'ban-alter-domain-with-add-constraint',
  'ban-char-field',
  'ban-concurrent-index-creation-in-transaction',
  'ban-create-domain-with-constraint',
  'ban-drop-column',
  'ban-drop-database',
  'ban-drop-not-null',
  'ban-drop-table',
  'ban-duplicate-column-assignments',
  'ban-truncate-cascade',
  'ban-uncommitted-transaction',
  'changing-column-type',
  'constraint-missing-not-valid',
  'disallowed-unique-constraint',
  'identifier-too-long',
  'prefer-big-int',
  'prefer-bigint-over-int',
  'prefer-bigint-over-smallint',
  'prefer-identity',
  'prefer-repack',
  'prefer-robust-stmts',
  'prefer-text-field',
  'prefer-timestamptz',
  'prefer-timestamp-tz',
  'renaming-column',
  'renaming-table',
  'require-concurrent-index-creation',
  'require-concurrent-index-deletion',
  'require-concurrent-partition-detach',
  'require-concurrent-reindex',
  'require-enum-value-ordering',
  'require-lock-timeout',
  'require-statement-timeout',
  'require-timeout-settings',
  'require-table-schema',
  'transaction-nesting',
]);

const DIRECTIVE = /^\s*(kodo|squawk)-ignore(-file)?(?![\w-])(.*)$/s;

export interface UnknownName {
  name: string;
  /** Char offset of the name in the file. */
  offset: number;
}

export interface Ignores {
  isIgnored(rule: string, line: number): boolean;
  unknown: UnknownName[];
}

/**
 * Reads the directives of one file. `canonical` maps a rule id or alias to its id, or returns undefined for an
 * unknown name.
 */
export function readIgnores(file: LintFile, canonical: (name: string) => string | undefined): Ignores {
  let fileAll = false;
  const fileRules = new Set<string>();
  // line → rules ignored on it ('*' for all)
  const byLine = new Map<number, Set<string>>();
  const unknown: UnknownName[] = [];
  for (const comment of file.comments) {
    const m = DIRECTIVE.exec(comment.body);
    if (!m) continue;
    const [, tool, wholeFile, rest = ''] = m;
    const names = parseNames(comment, m.index + m[0].length - rest.length, rest);
    const rules = new Set<string>();
    for (const { name, offset } of names) {
      const id = canonical(name);
      if (id) rules.add(id);
      else if (!(tool === 'squawk' && SQUAWK_RULES.has(name))) unknown.push({ name, offset });
    }
    if (wholeFile) {
      if (names.length === 0) fileAll = true;
      for (const r of rules) fileRules.add(r);
      continue;
    }
    if (names.length === 0) continue;
    for (const line of coveredLines(file, comment)) {
      const set = byLine.get(line) ?? new Set<string>();
      byLine.set(line, set);
      for (const r of rules) set.add(r);
    }
  }
  return {
    unknown,
    isIgnored: (rule, line) => fileAll || fileRules.has(rule) || Boolean(byLine.get(line)?.has(rule)),
  };
}

/** Comma- or space-separated names; a trailing `-- reason` (or `: reason`) is not part of them. */
function parseNames(comment: Comment, restStart: number, rest: string): UnknownName[] {
  const cut = rest.search(/--|:/);
  const list = cut < 0 ? rest : rest.slice(0, cut);
  const out: UnknownName[] = [];
  const re = /[^\s,]+/g;
  // The body starts after the 2-character `--` or `/*` marker.
  const base = comment.start + 2 + restStart;
  for (let m = re.exec(list); m; m = re.exec(list)) out.push({ name: m[0], offset: base + m.index });
  return out;
}

/**
 * A comment alone on its line covers that line and the next statement; a comment after code covers its own
 * line and the statement it trails.
 */
function coveredLines(file: LintFile, comment: Comment): number[] {
  const { source, statements } = file;
  const line = source.position(comment.start).line;
  const lines = new Set([line]);
  const span = (start: number, end: number) => {
    const a = source.position(start).line;
    const b = source.position(end).line;
    for (let l = a; l <= b; l++) lines.add(l);
  };
  const lineStart = file.text.lastIndexOf('\n', comment.start - 1) + 1;
  const trailing = file.text.slice(lineStart, comment.start).trim() !== '';
  for (const stmt of statements) {
    if (trailing && stmt.start < comment.start && source.position(stmt.end).line === line)
      span(stmt.start, stmt.end);
    if (!trailing && stmt.start >= comment.end) {
      span(stmt.start, stmt.end);
      break;
    }
  }
  return [...lines];
}
