// A state rebuilt from nothing: a fresh embedded Supabase database (the platform, no user objects) is snapshotted,
// the planner writes "empty Supabase → state", and the plan is applied there and compared. This is `kodo dump`,
// and how a diff is proven when its "from" is a database kodo must not change (the embedded dev database, a URL).
import type { Database } from '../db/database.js';
import { openMemoryDatabase } from '../db/pglite.js';
import { compareSnapshots } from '../schema/compare.js';
import { type Plan, planDiff, renderPlan } from '../schema/plan/index.js';
import { takeSnapshot } from '../schema/snapshot.js';
import type { Snapshot } from '../schema/types.js';
import { type Verification, verifyPlan } from '../schema/verify.js';

export interface Rebuilt {
  /** The throwaway database, now holding the state (when verified): the caller closes it. */
  db: Database;
  sql: string;
  plan: Plan;
  verification: Verification;
}

export async function rebuildOnThrowaway(
  state: Snapshot,
  title: string,
  env: NodeJS.ProcessEnv,
): Promise<Rebuilt> {
  const db = await openMemoryDatabase('memory (rebuild)', { env });
  try {
    const empty = await takeSnapshot(db);
    const plan = planDiff(empty, state, compareSnapshots(empty, state));
    const sql = renderPlan(plan, title);
    const verification = await verifyPlan(db, sql, state);
    return { db, sql, plan, verification };
  } catch (e) {
    await db.close();
    throw e;
  }
}
