// The proof: a plan is applied to a throwaway database holding the "from" state, in one transaction as a migration
// is, and the result is snapshotted and compared with the "to" state. Only equal snapshots make `verified: true`;
// otherwise the objects that still differ (or the statement Postgres refused) are the answer, and nothing is written.
import type { Database } from '../db/database.js';
import { toDatabaseError } from '../db/errors.js';
import { compareSnapshots, type Difference } from './compare.js';
import { takeSnapshot } from './snapshot.js';
import type { Snapshot } from './types.js';

export interface Verification {
  verified: boolean;
  /** Objects that still differ after the plan ran. */
  remaining: Difference[];
  /** The error Postgres gave while applying the plan. */
  error: string | null;
}

export async function verifyPlan(db: Database, sql: string, to: Snapshot): Promise<Verification> {
  if (sql.trim() !== '') {
    try {
      await db.transaction((tx) => tx.exec(sql));
    } catch (e) {
      const err = toDatabaseError(e);
      return { verified: false, remaining: [], error: err.message };
    }
  }
  const after = await takeSnapshot(db);
  const remaining = compareSnapshots(after, to);
  return { verified: remaining.length === 0, remaining, error: null };
}
