// The matrix's world: two signed-in users in two organizations, anon, and service_role. Every row the matrix
// seeds belongs to user A (org A) or user B (org B), so any row of B that A reaches is a cross-owner access.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { createAuthRows, type Persona, persona } from '../personas.js';

export interface World {
  a: Persona;
  b: Persona;
  /** A third user, the other party of a row that relates two users (A follows C, B blocks C). */
  c: Persona;
  anon: Persona;
  service: Persona;
}

/** Creates the users' auth rows inside the caller's (rolled back) transaction. */
export async function createWorld(tx: Queryable): Promise<World> {
  const b = persona({ name: 'user_b', orgId: randomUUID() });
  const orgB = b.orgId;
  // user_metadata is whatever a user writes about themselves (supabase.auth.updateUser): user A claims B's
  // organization and an admin role there, so a policy that trusts user_metadata lets A into B's rows.
  const a = persona({
    name: 'user_a',
    orgId: randomUUID(),
    userMetadata: {
      org_id: orgB,
      organization_id: orgB,
      tenant_id: orgB,
      team_id: orgB,
      workspace_id: orgB,
      user_id: b.id,
      role: 'admin',
      is_admin: true,
    },
  });
  // B is created first, and seeded first everywhere: projects that make the first user (or the first profile)
  // an administrator, a common bootstrap trigger, make B that administrator, and A, the persona every probe acts
  // as, stays an ordinary user whose reach into B's rows means something.
  const c = persona({ name: 'user_c', orgId: randomUUID() });
  await createAuthRows(tx, [b, a, c]);
  return { a, b, c, anon: persona({ name: 'anon' }), service: persona({ name: 'service_role' }) };
}
