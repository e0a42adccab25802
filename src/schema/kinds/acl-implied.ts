// What an object holds right after its CREATE, so a new object's grants are only the difference from it (a table in
// Supabase's `public` is already granted to anon, authenticated and service_role: no GRANT for that, cli#1864).
// Postgres gives a new object the builtin default (functions: EXECUTE to PUBLIC, types: USAGE to PUBLIC), or the
// creating role's global default privileges instead where it has them, plus its default privileges in the schema.
import type { PlanContext, SchemaObject } from '../types.js';
import { type Grants, mergeGrants, withoutGrantee } from './grants.js';

/** acldefault's object type → ALTER DEFAULT PRIVILEGES' word for it (columns get no defaults). */
export const DEFAULT_ACL_OBJECTS: Record<string, string> = {
  r: 'tables',
  s: 'sequences',
  f: 'functions',
  T: 'types',
  n: 'schemas',
};

const BUILTIN: Record<string, Grants> = { f: { PUBLIC: 'EXECUTE' }, T: { PUBLIC: 'USAGE' } };

/** The non-owner privileges `o`'s object has once created by the migration's role in the "to" state. */
export function grantsAtCreate(o: SchemaObject, ctx: PlanContext): Grants {
  const objtype = o.extra!.objtype as string;
  const word = DEFAULT_ACL_OBJECTS[objtype];
  if (!word) return {};
  const role = ctx.to.role;
  const global = ctx.to.objects.get(`default-acl ${role} * ${word}`);
  // Default privileges in a schema do not apply to schemas themselves.
  const inSchema =
    objtype === 'n' ? undefined : ctx.to.objects.get(`default-acl ${role} ${o.extra!.schema} ${word}`);
  const base = (global?.def as Grants | undefined) ?? BUILTIN[objtype] ?? {};
  const merged = mergeGrants(base, (inSchema?.def as Grants | undefined) ?? {});
  const roleq = (global ?? inSchema)?.extra?.roleq as string | undefined;
  return roleq ? withoutGrantee(merged, roleq) : merged;
}
