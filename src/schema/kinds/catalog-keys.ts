// The snapshot's objects by catalog key (`pg_class:16385:0`, see dependencies.ts), for the kinds that annotate other
// objects (grants, comments): a catalog row belongs to the snapshot exactly when its key stands for an object.
import type { ReadContext, SchemaObject } from '../types.js';

export function objectsByKey(ctx: ReadContext): Map<string, SchemaObject> {
  const out = new Map<string, SchemaObject>();
  for (const o of ctx.objects?.values() ?? []) for (const k of o.keys ?? []) out.set(k, o);
  return out;
}
