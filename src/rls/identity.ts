// Acting as a persona exactly as PostgREST does for a request: inside the transaction, one
// `set_config('role', …, true)` and `set_config('request.jwt.claims', …, true)` (plus request.method), then the
// query. Every probe runs in a savepoint that is rolled back, and every run in a transaction that is rolled back,
// so nothing a test inserts, changes or deletes outlives it (sequences aside: Postgres never rolls those back).
import type { Database, DatabaseErrorInfo, Queryable } from '../db/database.js';
import { toDatabaseError } from '../db/errors.js';
import { claimsOf, type Persona } from './personas.js';

const ROLLBACK = Symbol('kodo-rls-rollback');

/** Runs `fn` in a transaction that is always rolled back; returns what `fn` returned. */
export async function rolledBack<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      result = { value: await fn(tx) };
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return result!.value;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DatabaseErrorInfo };

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

let savepoints = 0;

/**
 * Runs `fn` as `persona` inside a savepoint of `tx`, then rolls the savepoint back (its rows, its role and
 * claims); a database error becomes `{ ok: false }` and leaves the transaction usable.
 */
export async function asPersona<T>(
  tx: Queryable,
  persona: Persona,
  method: Method,
  fn: (tx: Queryable) => Promise<T>,
): Promise<Outcome<T>> {
  const name = `kodo_rls_${++savepoints}`;
  await tx.exec(`savepoint ${name}`);
  try {
    await tx.query(
      `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
              set_config('request.method', $3, true)`,
      [persona.role, JSON.stringify(claimsOf(persona)), method],
    );
    return { ok: true, value: await fn(tx) };
  } catch (e) {
    return { ok: false, error: toDatabaseError(e) };
  } finally {
    await tx.exec(`rollback to savepoint ${name}; release savepoint ${name}`);
  }
}

/** Runs `fn` as `persona` and keeps what it did (fixtures: rows inserted as service_role stay for the run). */
export async function keepAs<T>(
  tx: Queryable,
  persona: Persona,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const name = `kodo_rls_${++savepoints}`;
  await tx.exec(`savepoint ${name}`);
  try {
    await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
      persona.role,
      JSON.stringify(claimsOf(persona)),
    ]);
    const value = await fn(tx);
    await tx.exec(`release savepoint ${name}`);
    return value;
  } catch (e) {
    await tx.exec(`rollback to savepoint ${name}; release savepoint ${name}`);
    throw e;
  } finally {
    await tx.query(`select set_config('role', 'none', true), set_config('request.jwt.claims', '', true)`);
  }
}
