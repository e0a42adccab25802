// The owner columns that decide access, which are the ones worth moving to the other owner in the update probe.
// A table's owner list also holds columns found only in the catalog: an audit column referencing auth.users
// (modified_by), a NOT NULL key to an owned parent (a chat file's chat_id). Pointing those at the other owner
// leaves the row with its owner, the one the policies check: nobody gains a row, so it is no leak. A column
// counts when the table's own policies compare it with the caller, when another table's policy looks it up
// (profiles.org_id read by an org policy elsewhere), or, when no policy names an owner at all, when it is a
// user or organization column (the policies then decide through something kodo cannot read).
import type { TableInfo } from '../../catalog/types.js';
import { type OwnerContext, type Ownership, ownershipOf, tableKey } from './owners.js';

/** Columns of each table (`schema.name`) that some policy reads through a lookup from another table. */
export function lookedUpColumns(tables: TableInfo[], ctx: OwnerContext): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const t of tables) {
    const ownership = ownershipOf(t, ctx);
    for (const o of ownership.owners) {
      if (o.kind !== 'via' || !ownership.fromPolicies.has(o.column)) continue;
      const key = tableKey(o.lookup.table);
      const set = out.get(key) ?? new Set<string>();
      set.add(o.lookup.pick);
      if (o.lookup.userColumn) set.add(o.lookup.userColumn);
      out.set(key, set);
    }
  }
  return out;
}

/** The owner columns of a table whose value decides who may reach its rows. */
export function accessColumns(ownership: Ownership, lookedUp: Set<string> | undefined): Set<string> {
  const byPolicy = ownership.fromPolicies.size > 0;
  return new Set(
    ownership.owners
      .filter(
        (o) =>
          ownership.fromPolicies.has(o.column) || lookedUp?.has(o.column) || (!byPolicy && o.kind !== 'via'),
      )
      .map((o) => o.column),
  );
}
