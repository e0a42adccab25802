// Personas: who a request acts as. The claims are what Supabase Auth puts in an access token today
// (supabase/auth internal/tokens/service.go; the API keys' claims for anon and service_role), so a policy sees
// exactly what it sees behind PostgREST; users also get their auth.users, auth.identities and auth.sessions rows,
// for policies and functions that read those tables.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.js';

export type Aal = 'aal1' | 'aal2' | 'aal3';

export interface Persona {
  /** The name reports use: `anon`, `service_role`, `alice`, `user_a`… */
  name: string;
  /** The Postgres role PostgREST switches to (the `role` claim): anon, authenticated, service_role or custom. */
  role: string;
  /** A user (has `sub` and auth rows); false for the API keys' anon and service_role. */
  user: boolean;
  id: string;
  email: string;
  phone: string;
  aal: Aal;
  sessionId: string;
  isAnonymous: boolean;
  /** Put in the top-level `org_id` claim (a custom access token hook's) and in app_metadata.org_id. */
  orgId: string | null;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  /** Custom claims, merged over the standard ones last. */
  claims: Record<string, unknown>;
}

export interface PersonaInput {
  name: string;
  role?: string;
  id?: string;
  email?: string;
  phone?: string;
  aal?: Aal;
  isAnonymous?: boolean;
  orgId?: string | null;
  appMetadata?: Record<string, unknown>;
  userMetadata?: Record<string, unknown>;
  claims?: Record<string, unknown>;
}

const ISSUER = 'http://127.0.0.1:54321/auth/v1';

/** A persona with every field decided; users get fresh ids, so nothing collides with rows a database has. */
export function persona(input: PersonaInput): Persona {
  const role =
    input.role ?? (input.name === 'anon' || input.name === 'service_role' ? input.name : 'authenticated');
  const user = role !== 'anon' && role !== 'service_role';
  return {
    name: input.name,
    role,
    user,
    id: input.id ?? randomUUID(),
    email: input.email ?? (user ? `${input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@kodo.test` : ''),
    phone: input.phone ?? '',
    aal: input.aal ?? 'aal1',
    sessionId: randomUUID(),
    isAnonymous: input.isAnonymous ?? false,
    orgId: input.orgId ?? null,
    appMetadata: input.appMetadata ?? {},
    userMetadata: input.userMetadata ?? {},
    claims: input.claims ?? {},
  };
}

export const ANON = (): Persona => persona({ name: 'anon' });
export const SERVICE_ROLE = (): Persona => persona({ name: 'service_role' });

/** The `request.jwt.claims` object PostgREST would set for this persona's token. */
export function claimsOf(p: Persona, now = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  if (!p.user) return { iss: 'supabase', ref: 'kodo', role: p.role, iat: now, exp: now + 3600, ...p.claims };
  const appMetadata: Record<string, unknown> = {
    provider: p.isAnonymous ? 'anonymous' : 'email',
    providers: p.isAnonymous ? [] : ['email'],
    ...(p.orgId ? { org_id: p.orgId } : {}),
    ...p.appMetadata,
  };
  return {
    iss: ISSUER,
    sub: p.id,
    aud: 'authenticated',
    exp: now + 3600,
    iat: now,
    email: p.email,
    phone: p.phone,
    app_metadata: appMetadata,
    user_metadata: p.userMetadata,
    role: p.role,
    aal: p.aal,
    amr: [{ method: p.isAnonymous ? 'anonymous' : 'password', timestamp: now }],
    session_id: p.sessionId,
    is_anonymous: p.isAnonymous,
    ...(p.orgId ? { org_id: p.orgId } : {}),
    ...p.claims,
  };
}

/**
 * The rows Supabase Auth keeps for a signed-in user: auth.users, an email identity and the session the token
 * names (with its aal). Written as the connecting role (Auth's own), inside the caller's transaction.
 */
export async function createAuthRows(tx: Queryable, users: Persona[]): Promise<void> {
  for (const p of users.filter((u) => u.user)) {
    const app = JSON.stringify(claimsOf(p)['app_metadata']);
    await tx.query(
      `insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data,
         email_confirmed_at, created_at, updated_at, is_anonymous)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', $2, nullif($3, ''), $4::jsonb, $5::jsonb,
         now(), now(), now(), $6)`,
      [p.id, p.role, p.email, app, JSON.stringify(p.userMetadata), p.isAnonymous],
    );
    if (!p.isAnonymous) {
      await tx.query(
        `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
         values ($1::text, $1::text::uuid, $2::jsonb, 'email', now(), now())`,
        [p.id, JSON.stringify({ sub: p.id, email: p.email, email_verified: true })],
      );
    }
    await tx.query(
      `insert into auth.sessions (id, user_id, aal, created_at, updated_at) values ($1, $2, $3::auth.aal_level, now(), now())`,
      [p.sessionId, p.id, p.aal],
    );
  }
}
