// A spec's personas as the runner's Persona objects. Users are created before the fixtures (rows refer to their
// ids); their org and metadata may refer to fixtures, so those are filled in once the fixtures exist, and
// auth.users is brought up to date before any case reads it.
import type { Queryable } from '../../db/database.js';
import { ANON, claimsOf, type Persona, persona, SERVICE_ROLE } from '../personas.js';
import type { LoadedSpec } from './model.js';
import { resolveRefs } from './refs.js';
import type { Values } from './schema.js';
import type { World } from './world.js';

/** anon, service_role and the spec's own, before any fixture: ids, emails, roles; no org or metadata yet. */
export function personasOf(spec: LoadedSpec): Map<string, Persona> {
  const all = new Map<string, Persona>([
    ['anon', ANON()],
    ['service_role', SERVICE_ROLE()],
  ]);
  for (const { name, input } of spec.personas) {
    all.set(
      name,
      persona({
        name,
        role: input.role,
        id: input.id,
        email: input.email,
        phone: input.phone,
        aal: input.aal,
        isAnonymous: input.anonymous,
      }),
    );
  }
  return all;
}

/** Org and metadata with their references resolved, on the personas and in auth.users. */
export async function completePersonas(tx: Queryable, world: World): Promise<void> {
  for (const { name, at, input } of world.spec.personas) {
    const p = world.persona(name);
    const resolve = (key: 'app_metadata' | 'user_metadata' | 'claims') =>
      resolveRefs(input[key] ?? {}, [...at, key], world.lookup) as Values;
    p.orgId = input.org === undefined ? null : world.lookup({ name: input.org, field: undefined });
    p.appMetadata = resolve('app_metadata');
    p.userMetadata = resolve('user_metadata');
    p.claims = resolve('claims');
    if (!p.user) continue;
    await tx.query(
      'update auth.users set raw_app_meta_data = $2::jsonb, raw_user_meta_data = $3::jsonb where id = $1',
      [p.id, JSON.stringify(claimsOf(p)['app_metadata']), JSON.stringify(p.userMetadata)],
    );
  }
}
