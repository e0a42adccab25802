// The Postgres roles a spec's personas act as must exist before anything runs: a database without Supabase's API
// roles (or a persona with a custom role nobody created) would otherwise fail every case with the same error.
import type { Queryable } from '../../db/database.js';
import type { LoadedSpec } from './model.js';
import { SpecProblem } from './problem.js';
import { arrayLiteral } from './values.js';
import { actorsOf } from './walk.js';

export async function checkRoles(db: Queryable, spec: LoadedSpec): Promise<void> {
  const roleOf = new Map(spec.personas.map((p) => [p.name, p.input.role ?? 'authenticated']));
  const actors = actorsOf(spec).map((a) => ({ ...a, role: roleOf.get(a.persona) ?? a.persona }));
  const roles = [...new Set(actors.map((a) => a.role))];
  const { rows } = await db.query<{ rolname: string }>(
    'select rolname from pg_roles where rolname = any($1::text[])',
    [arrayLiteral(roles)],
  );
  const found = new Set(rows.map((r) => r.rolname));
  const missing = actors.find((a) => !found.has(a.role));
  if (missing) {
    const who =
      missing.persona === missing.role ? missing.persona : `${missing.persona} (role ${missing.role})`;
    throw new SpecProblem(missing.at, `the database has no role ${missing.role}, so ${who} cannot act there`);
  }
}
