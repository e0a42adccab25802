// How a matrix cell and a change read: "own rows only", "own and other users' rows", and the sentence a pull
// request shows ("00203_python_events_rls.sql: authenticated can now read other users' rows in public.events,
// via policy events_read").
import type { MatrixCell, MatrixResult } from '../matrix/run.js';
import type { AccessChange } from './access-diff.js';

/** A cell as words; `undefined` cells are tables that are not exposed or whose RLS is off. */
export function cellText(cell: MatrixCell | undefined, m: MatrixResult, key: string): string {
  const table = key.split('|')[0]!;
  if (!cell) {
    if (m.leaks.some((l) => l.table === table && l.operation === 'all')) return 'every row (RLS off)';
    return m.unproven.some((u) => u.table === table) ? 'not proven' : 'not exposed';
  }
  if (cell.persona === 'anon')
    return cell.others ? (cell.leak ? 'rows of users' : 'rows (granted to anon)') : 'no rows';
  if (cell.others) return cell.own ? "own and other users' rows" : "other users' rows";
  return cell.own ? 'own rows only' : 'no rows';
}

const VERB: Record<string, string> = { select: 'read', insert: 'insert', update: 'update', delete: 'delete' };

export function changeSentence(c: Omit<AccessChange, 'leak' | 'closedBy' | 'message'>): string {
  const verb = VERB[c.operation] ?? c.operation;
  const via = c.policy ? `, via policy ${c.policy}` : '';
  if (c.after === "own and other users' rows" || c.after === "other users' rows") {
    return `${c.file}: ${c.persona} can now ${verb} other users' rows in ${c.table}${via}`;
  }
  if (c.after === 'every row (RLS off)') {
    return `${c.file}: ${c.persona} can now ${verb} every row of ${c.table}: row level security is off`;
  }
  if (c.after === 'rows of users') return `${c.file}: anon can now ${verb} users' rows in ${c.table}${via}`;
  return `${c.file}: ${c.persona} ${verb} on ${c.table}: ${c.before} → ${c.after}`;
}
