// Helpers for the platform suites: run SQL as a signed-in user the way PostgREST does, and catch SQLSTATEs.
import type { Database } from '../../src/db/database.js';
import { toDatabaseError } from '../../src/db/errors.js';

/** Runs `sql` in a transaction as `role` with these JWT claims (request.jwt.claims), as PostgREST does. */
export async function asUser<T>(
  db: Database,
  claims: Record<string, unknown>,
  sql: string,
  role = 'authenticated',
): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
    await tx.exec(`set local role ${role}`);
    return (await tx.query<T>(sql)).rows;
  });
}

/** The SQLSTATE and message of the error `run` throws; fails the test when it does not throw. */
export async function failure(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (e) {
    const info = toDatabaseError(e);
    return { code: info.sqlstate ?? '', message: info.message };
  }
  throw new Error('expected an error, got none');
}
