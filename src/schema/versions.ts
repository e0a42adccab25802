// Two snapshots read from servers of different major versions (the embedded PGlite is Postgres 17, a server or a
// Supabase project may be 15): what only the newer version has is not a difference between the states. Today that
// is the MAINTAIN privilege (Postgres 17), which every grant of ALL includes there and no older server knows.
import type { SchemaObject, Snapshot } from './types.js';

const GRANT_KINDS = new Set(['acl', 'default-acl']);

/** The def to compare, with what the older of the two versions cannot express left out. */
export function comparableDef(o: SchemaObject, a: Snapshot, b: Snapshot): Record<string, unknown> {
  if (a.serverVersion === b.serverVersion || Math.min(a.serverVersion, b.serverVersion) >= 17) return o.def;
  if (!GRANT_KINDS.has(o.kind)) return o.def;
  const out: Record<string, unknown> = {};
  for (const [grantee, privileges] of Object.entries(o.def)) {
    if (typeof privileges !== 'string') {
      out[grantee] = privileges;
      continue;
    }
    const kept = privileges
      .split(', ')
      .filter((p) => p !== 'MAINTAIN' && p !== 'MAINTAIN*')
      .join(', ');
    if (kept !== '') out[grantee] = kept;
  }
  return out;
}
