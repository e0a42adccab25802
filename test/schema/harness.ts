// The diff engine's test harness: two fresh databases with the Supabase shim on one target, the "from" SQL in one
// and the "to" SQL in the other; snapshot both, compare, plan, and verify the plan on the "from" database.
import type { Database } from '../../src/db/database.js';
import { compareSnapshots, type Difference, summaryLine } from '../../src/schema/compare.js';
import { type Plan, planDiff, renderPlan } from '../../src/schema/plan/index.js';
import { takeSnapshot } from '../../src/schema/snapshot.js';
import type { Snapshot } from '../../src/schema/types.js';
import { type Verification, verifyPlan } from '../../src/schema/verify.js';
import type { Target } from '../db/targets.js';

export interface DiffCase {
  /** `+ table public.t`, `~ column public.t.c: type: integer → bigint`, … */
  summary: string[];
  diffs: Difference[];
  plan: Plan;
  sql: string;
  verification: Verification;
  from: Snapshot;
  to: Snapshot;
}

/** Runs one case on `target`; both databases are closed before it returns. */
export async function diffCase(target: Target, fromSql: string, toSql: string): Promise<DiffCase> {
  const a = await target.open();
  const b = await target.open();
  try {
    if (fromSql.trim()) await a.exec(fromSql);
    if (toSql.trim()) await b.exec(toSql);
    const [from, to] = [await takeSnapshot(a), await takeSnapshot(b)];
    const diffs = compareSnapshots(from, to);
    const plan = planDiff(from, to, diffs);
    const sql = renderPlan(plan, 'test');
    const verification = await verifyPlan(a, sql, to);
    return { summary: diffs.map(summaryLine), diffs, plan, sql, verification, from, to };
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

/** A case's result in one line for a failed expectation: the SQL and what still differs. */
export function explain(c: DiffCase): string {
  return `${c.sql}\nerror: ${c.verification.error}\nremaining: ${c.verification.remaining.map(summaryLine).join('\n')}`;
}

/** The summary without the grants and comments other kinds report beside an object (their own suites test them). */
export function withoutAnnotations(c: DiffCase): string[] {
  return c.summary.filter((l) => !/^[-+~] (acl|comment|default-acl) /.test(l));
}

/** Opens one database, runs `sql`, snapshots it. */
export async function snapshotOf(target: Target, sql: string): Promise<{ db: Database; snapshot: Snapshot }> {
  const db = await target.open();
  if (sql.trim()) await db.exec(sql);
  return { db, snapshot: await takeSnapshot(db) };
}
