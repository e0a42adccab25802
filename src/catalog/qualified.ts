// format_type, pg_get_expr and pg_get_constraintdef leave out the schema of whatever the session's search_path
// shows, so the same catalog would read `status` in one session and `public.status` in another. Readers run with
// an empty search_path (pg_catalog only), set locally and undone after, so every name outside pg_catalog is
// qualified whatever the caller's session looks like, and the caller's own search_path is left as it was.
import type { Database, Queryable } from '../db/database.js';
import { toDatabaseError } from '../db/errors.js';

const EMPTY_PATH = `select set_config('search_path', '', true)`;

function isDatabase(db: Queryable): db is Database {
  return typeof (db as Partial<Database>).transaction === 'function';
}

// Reads of one connection run one after another: readers started together (Promise.all) would otherwise
// interleave their savepoints and set_config calls, and one could read with the other's path already undone.
const queues = new WeakMap<Queryable, Promise<unknown>>();

/** Runs `read` with an empty search_path: in a transaction of its own, or in a savepoint of the caller's. */
export function withQualifiedNames<T>(db: Queryable, read: (q: Queryable) => Promise<T>): Promise<T> {
  const run = (queues.get(db) ?? Promise.resolve()).then(() => qualified(db, read));
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

async function qualified<T>(db: Queryable, read: (q: Queryable) => Promise<T>): Promise<T> {
  if (isDatabase(db)) {
    return db.transaction(async (tx) => {
      await tx.query(EMPTY_PATH);
      return read(tx);
    });
  }
  try {
    await db.exec('savepoint kodo_catalog');
  } catch (e) {
    // Not in a transaction after all (no_active_sql_transaction): read with the session's names.
    if (toDatabaseError(e).sqlstate === '25P01') return read(db);
    throw e;
  }
  try {
    await db.query(EMPTY_PATH);
    return await read(db);
  } finally {
    // Rolling back to the savepoint undoes the set_config (and a failed read), leaving the transaction usable.
    await db.exec('rollback to savepoint kodo_catalog; release savepoint kodo_catalog');
  }
}
