// Rows a project publishes on purpose: a SELECT policy that applies to anon (named, or through PUBLIC, the
// form Supabase's own guides use: `for select using (true)`) and lets anon read the other owner's row makes that
// row public. Reading it is then no leak, for anon nor for a signed-in user, who could read it signed out just as
// well; the cell says which policy published it, so a table published by mistake is still visible in the matrix.
// Writes are never excused this way: an insert, update or delete policy open to PUBLIC stays a leak.
import type { PolicyInfo, TableInfo } from '../../catalog/types.js';

/** The policy among `allowed` (comma-separated names) that publishes `table`'s rows to anon, or null. */
export function publishingPolicy(
  allowed: string | null,
  policies: PolicyInfo[],
  table: Pick<TableInfo, 'schema' | 'name'>,
): string | null {
  if (!allowed) return null;
  const names = allowed.split(', ');
  const found = policies.find(
    (p) =>
      p.schema === table.schema &&
      p.table === table.name &&
      names.includes(p.name) &&
      p.command === 'SELECT' &&
      (p.roles.includes('anon') || p.roles.includes('public')),
  );
  return found?.name ?? null;
}
