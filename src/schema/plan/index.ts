// The DDL planner: the differences between two snapshots → SQL in an order Postgres accepts, with every step that
// loses data named in a header comment and as a warning (a dropped table or column, a narrowed type, a re-created
// table). The SQL is a proposal until verify.ts has applied it and compared the result.
import type { Difference } from '../compare.js';
import { handlerFor } from '../kinds/index.js';
import type { Snapshot } from '../types.js';
import { buildActions } from './actions.js';
import { orderActions } from './order.js';

export interface Plan {
  /** The statements, each ending in `;`, in order. */
  statements: string[];
  /** What the plan would destroy, one sentence each. */
  destructive: string[];
  /** Other things to know (a broken dependency cycle, an enum value that cannot be used in the same transaction). */
  warnings: string[];
  /**
   * Ids of added objects that came with their owner's create and needed no statement (the grants a new table gets
   * from the default privileges): a door leaves them out of the differences it shows.
   */
  implied: string[];
}

export function planDiff(from: Snapshot, to: Snapshot, diffs: Difference[]): Plan {
  const set = buildActions(from, to, diffs);
  const ordered = orderActions(set);
  const statements: string[] = [];
  const destructive: string[] = [];
  const warnings: string[] = [];
  const implied: string[] = [];
  for (const a of ordered.actions) {
    if (a.type === 'create' && a.sql.length === 0 && a.object.owner && set.ctx.created.has(a.object.owner)) {
      implied.push(a.object.id);
    }
    statements.push(...a.sql.map((s) => (s.endsWith(';') ? s : `${s};`)));
    if (a.aside) continue;
    const h = handlerFor(a.object.kind);
    let lost: string | undefined;
    let warning: string | undefined;
    if (a.type === 'alter') {
      lost = h.loses?.(a.before!, a.object, false);
      warning = h.warn?.(a.before!, a.object);
    }
    if (a.type === 'drop') {
      const after = set.ctx.to.objects.get(a.object.id);
      lost = h.loses?.(a.object, after, after !== undefined);
      warning = h.warn?.(a.object, after);
    }
    if (lost) destructive.push(lost);
    if (warning) warnings.push(warning);
  }
  if (ordered.cycle.length > 0) {
    warnings.push(
      `the dependencies of ${ordered.cycle.slice(0, 5).join(', ')} form a cycle; the order chosen was checked by the verification`,
    );
  }
  if (statements.some((s) => /^create (or replace )?(function|procedure)/i.test(s))) {
    // Function bodies may name objects created later in the same file (as pg_dump and migra do).
    statements.unshift('set local check_function_bodies = off;');
  }
  return { statements, destructive, warnings, implied };
}

/**
 * The plan as a migration body: a header naming what it destroys, then the statements. `notes`: more header lines
 * after the title (a rollback lists there what it cannot undo).
 */
export function renderPlan(plan: Plan, title: string, notes: string[] = []): string {
  if (plan.statements.length === 0) return '';
  const head = [`-- ${title}`, ...notes.map((n) => `-- ${n}`)];
  if (plan.destructive.length > 0) {
    head.push('-- DESTRUCTIVE: this migration removes data:');
    for (const d of plan.destructive) head.push(`--   ${d}`);
  }
  return `${head.join('\n')}\n\n${plan.statements.join('\n')}\n`;
}
