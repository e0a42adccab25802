// `kodo rls diff` as text. Open leaks read as whole sentences, one per cell ("authenticated can now read other
// users' rows in public.events, via policy events_read"); every other change (a leak a later file closed
// included) is grouped per file and table, the operations that moved the same way on one line.
import type { AccessChange, AccessDiff } from '../diff/index.js';

const VERB: Record<string, string> = { select: 'read', insert: 'insert', update: 'update', delete: 'delete' };

type Diff = Pick<AccessDiff, 'since' | 'files' | 'changes' | 'open'> & { notes: string[] };

export function diffText(d: Diff): string {
  return [
    ...diffLines(d),
    d.open.length > 0
      ? `failed: ${d.open.length} change(s) open a leak that is still open after the last file.`
      : `passed: ${d.changes.length} change(s), no leak left open.`,
  ].join('\n');
}

/** The changes and notes without a verdict (kodo check --rls ends with its own). */
export function diffLines(d: Diff): string[] {
  const lines = [`Access changes after ${d.since ?? 'an empty database'} (${d.files.length} file(s)):`];
  if (d.changes.length === 0) lines.push('  none: every table keeps the access it had.');
  const groups = new Map<string, AccessChange[]>();
  for (const c of d.changes) {
    if (c.leak && !c.closedBy) {
      lines.push(`  LEAK ${c.message}`);
      continue;
    }
    const key = `${c.file}|${c.table}|${c.persona}|${c.before}|${c.after}|${c.closedBy}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    const c = group[0]!;
    const ops = group.map((g) => VERB[g.operation] ?? g.operation).join(', ');
    const closed = c.closedBy ? ` (a leak until ${base(c.closedBy)} closed it)` : '';
    lines.push(`  ${c.file}: ${c.persona} ${ops} on ${c.table}: ${c.before} → ${c.after}${closed}`);
  }
  lines.push(...d.notes.map((n) => `note: ${n}`));
  return lines;
}

const base = (file: string) => file.replace(/^.*\//, '');
