// The warm database of a long-lived process (the MCP server): after a check, the scratch database is kept open at
// the state before the newest migration (that file was applied as a trial and rolled back), under the key of that
// state. The next check whose folder starts with that state continues from it, with nothing to restore. One slot:
// a check running while it is taken uses the disk cache. Closed after a few idle minutes, since it holds a
// database's worth of memory.
import type { Database } from '../db/database.js';

const IDLE_MS = 5 * 60_000;

interface Slot {
  key: string;
  db: Database;
  timer: NodeJS.Timeout;
}

let slot: Slot | null = null;

/** Whether `takeWarm(keys, limit)` would find the warm database. */
export function warmMatches(keys: readonly string[], limit: number): boolean {
  return slot !== null && keys.lastIndexOf(slot.key, limit - 1) !== -1;
}

/** The warm database if it holds one of `keys` (keys[i] = the state after i + 1 files), taken out of the slot. */
export function takeWarm(keys: readonly string[], limit: number): { db: Database; prefix: number } | null {
  if (!slot) return null;
  const index = keys.lastIndexOf(slot.key, limit - 1);
  if (index === -1) return null;
  const { db, timer } = slot;
  clearTimeout(timer);
  slot = null;
  return { db, prefix: index + 1 };
}

/** Parks `db` (at the state `key`) for the next check, closing whatever was parked before. */
export async function parkWarm(key: string, db: Database): Promise<void> {
  const previous = slot;
  const timer = setTimeout(() => void closeWarm(), IDLE_MS);
  timer.unref();
  slot = { key, db, timer };
  if (previous) {
    clearTimeout(previous.timer);
    await previous.db.close().catch(() => undefined);
  }
}

export async function closeWarm(): Promise<void> {
  const current = slot;
  slot = null;
  if (current) {
    clearTimeout(current.timer);
    await current.db.close().catch(() => undefined);
  }
}
