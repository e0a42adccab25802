// One writer at a time on a server: a session advisory lock held for a whole `up` or `repair` run.
//
// Two `kodo up` against one database would otherwise both read the same history and both apply a file. The
// embedded database needs nothing here: opening it already locks its folder.

import { KodoError } from '../core/errors.js';
import type { Database } from '../db/database.js';

/** pg_advisory_lock(int, int) keys: "kodo" in ASCII, then 1 for migrations. */
const LOCK_CLASS = 0x6b6f646f;
const LOCK_MIGRATIONS = 1;
const POLL_MS = 200;

export interface LockOptions {
  /** Called once when another run holds the lock. */
  onWait?: () => void;
  timeoutMs?: number;
}

export async function withMigrationLock<T>(
  db: Database,
  fn: () => Promise<T>,
  opts: LockOptions = {},
): Promise<T> {
  if (db.kind !== 'postgres') return fn();
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const started = Date.now();
  let waiting = false;
  for (;;) {
    const { rows } = await db.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
      LOCK_CLASS,
      LOCK_MIGRATIONS,
    ]);
    if (rows[0]?.locked) break;
    if (!waiting) {
      waiting = true;
      opts.onWait?.();
    }
    if (Date.now() - started > timeoutMs) {
      throw new KodoError(
        'lock-timeout',
        `Another kodo run has held the migration lock on ${db.label} for over ${Math.round(timeoutMs / 1000)} s; wait for it to finish, or end its session (pg_advisory_lock ${LOCK_CLASS}, ${LOCK_MIGRATIONS}).`,
      );
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await fn();
  } finally {
    await db.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, LOCK_MIGRATIONS]).catch(() => undefined);
  }
}
