// Which policy let a persona through: every permissive policy for the command and the persona's role (or
// PUBLIC) is evaluated on the row reached, as the connecting role with the persona's claims still set, and the
// ones that hold are named. Restrictive policies only narrow access, so they never explain a leak.
import type { PolicyCommand, PolicyInfo, TableInfo } from '../../catalog/types.js';
import type { Queryable } from '../../db/database.js';
import type { Persona } from '../personas.js';
import { guarded } from './probe.js';
import { quoteTable } from './sql.js';

export type Clause = 'using' | 'check';

/** A permissive policy on `table` for `command` (or ALL): the ones that can grant it. */
function grants(p: PolicyInfo, table: TableInfo, command: PolicyCommand): boolean {
  return (
    p.schema === table.schema &&
    p.table === table.name &&
    p.permissive &&
    (p.command === command || p.command === 'ALL')
  );
}

/** The permissive policies that apply to `persona` for `command` on `table`. */
export function applicable(
  policies: PolicyInfo[],
  table: TableInfo,
  command: PolicyCommand,
  persona: Persona,
) {
  return policies.filter(
    (p) => grants(p, table, command) && (p.roles.includes('public') || p.roles.includes(persona.role)),
  );
}

/** The API roles, none a member of another: a policy naming only others cannot reach the persona. */
const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);

/**
 * Whether any permissive policy could let `persona` run `command` on the table: one naming its role or PUBLIC,
 * or a role kodo does not know (the persona may be a member of it). With none, row level security refuses the
 * operation without a probe.
 */
export function mayApply(
  policies: PolicyInfo[],
  table: TableInfo,
  command: PolicyCommand,
  persona: Persona,
): boolean {
  return policies.some(
    (p) =>
      grants(p, table, command) &&
      p.roles.some((r) => r === 'public' || r === persona.role || !API_ROLES.has(r)),
  );
}

/** The expression Postgres applies for `clause`; null means the policy puts no condition there (always true). */
function expressionOf(p: PolicyInfo, clause: Clause): string | null {
  if (clause === 'using') return p.using;
  // Without WITH CHECK, an ALL or UPDATE policy checks new rows with its USING expression; an INSERT policy
  // without one admits no row (Postgres treats the missing check as false).
  return p.withCheck ?? (p.command === 'INSERT' ? 'false' : p.using);
}

/** Names of the policies whose `clause` holds for the row at `ctid` (comma-separated), or null. */
export async function allowingPolicies(
  tx: Queryable,
  table: TableInfo,
  candidates: PolicyInfo[],
  clause: Clause,
  ctid: string,
): Promise<string | null> {
  const names: string[] = [];
  for (const p of candidates) {
    const expr = expressionOf(p, clause);
    const holds =
      expr === null ||
      (await guarded(
        tx,
        async () => {
          const { rows } = await tx.query<{ ok: boolean | null }>(
            `select (${expr})::boolean as ok from ${quoteTable(table)} where ctid = $1::tid`,
            [ctid],
          );
          return rows[0]?.ok === true;
        },
        false,
      ));
    if (holds) names.push(p.name);
  }
  return names.length > 0 ? names.join(', ') : null;
}
