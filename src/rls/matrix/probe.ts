// One probe: a statement run as a persona, the way PostgREST runs a request (role and claims set locally), in a
// savepoint that is always rolled back. Setup (removing a row so that its exact values can be inserted again)
// runs as the connecting role first; when the statement reached a row, `explain` runs as the connecting role
// again, with the persona's claims still set, to name the policy that let it through.
import type { DatabaseErrorInfo, Queryable } from '../../db/database.js';
import { toDatabaseError } from '../../db/errors.js';
import { quoteLiteral } from '../../templates/identifiers.js';
import type { Method } from '../identity.js';
import { claimsOf, type Persona } from '../personas.js';

export type ProbeResult<T> =
  | { ok: true; value: T; policy: string | null }
  | { ok: false; error: DatabaseErrorInfo };

export interface ProbeSteps<T> {
  setup?: () => Promise<void>;
  act: () => Promise<T>;
  /** Called with what `act` returned when it reached something: the allowing policies, or null. */
  explain?: (value: T) => Promise<string | null>;
}

let counter = 0;

export async function probe<T>(
  tx: Queryable,
  persona: Persona,
  method: Method,
  steps: ProbeSteps<T>,
): Promise<ProbeResult<T>> {
  const name = `kodo_probe_${++counter}`;
  // The savepoint and the identity in one round trip when nothing runs between them: the matrix makes
  // thousands of probes, and on PGlite each round trip is most of a probe's cost.
  const identity = identitySql(persona, method);
  try {
    if (steps.setup) {
      await tx.exec(`savepoint ${name}`);
      await steps.setup();
      await tx.exec(identity);
    } else {
      await tx.exec(`savepoint ${name}; ${identity}`);
    }
    const value = await steps.act();
    let policy: string | null = null;
    if (steps.explain) {
      await tx.query(`select set_config('role', 'none', true)`);
      policy = await steps.explain(value);
    }
    return { ok: true, value, policy };
  } catch (e) {
    return { ok: false, error: toDatabaseError(e) };
  } finally {
    await tx.exec(`rollback to savepoint ${name}; release savepoint ${name}`);
  }
}

/** Sets the persona's role, claims and method for the rest of the savepoint, as PostgREST does per request. */
function identitySql(persona: Persona, method: Method): string {
  return `select set_config('role', ${quoteLiteral(persona.role)}, true), set_config('request.jwt.claims', ${quoteLiteral(
    JSON.stringify(claimsOf(persona)),
  )}, true), set_config('request.method', ${quoteLiteral(method)}, true)`;
}

/** Runs `fn` in a savepoint; an error rolls it back and gives `fallback` (the transaction stays usable). */
export async function guarded<T>(tx: Queryable, fn: () => Promise<T>, fallback: T): Promise<T> {
  const name = `kodo_guard_${++counter}`;
  await tx.exec(`savepoint ${name}`);
  try {
    const value = await fn();
    await tx.exec(`release savepoint ${name}`);
    return value;
  } catch {
    await tx.exec(`rollback to savepoint ${name}; release savepoint ${name}`);
    return fallback;
  }
}
