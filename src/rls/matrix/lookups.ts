// Before any probe, the rows of the tables policies look owners up in (memberships, parents), for both users:
// a policy that reads a membership finds one for each user, so the probes see what the policy really grants.
import type { TableInfo } from '../../catalog/types.js';
import type { Queryable } from '../../db/database.js';
import { type OwnerContext, ownershipOf, tableKey } from './owners.js';
import { guarded } from './probe.js';
import type { Seeder } from './seeder.js';
import type { World } from './world.js';

/** Rows of the tables policies look owners up in (memberships, parents), for both users, made before any probe. */
export async function seedLookups(
  tx: Queryable,
  tables: TableInfo[],
  ctx: OwnerContext,
  seeder: Seeder,
  world: World,
) {
  const lookups = new Map<string, string>();
  for (const t of tables) {
    for (const o of ownershipOf(t, ctx).owners) {
      if (o.kind === 'via' && o.lookup.userColumn) lookups.set(tableKey(o.lookup.table), o.lookup.userColumn);
    }
  }
  // A table with both a user and an org column is a membership even when no policy names it (a policy that
  // forgot to correlate its lookup then lets every member through, which the probes must see).
  for (const t of tables) {
    const owners = ownershipOf(t, ctx).owners;
    const user = owners.find((o) => o.kind === 'user');
    if (user && owners.some((o) => o.kind === 'org')) lookups.set(tableKey(t), user.column);
  }
  for (const [key, userColumn] of lookups) {
    const [schema, name] = splitKey(key);
    for (const who of [world.b, world.a]) {
      await guarded(
        tx,
        async () => seeder.ensure(await seeder.table(schema, name), who, { [userColumn]: who.id }),
        null,
      );
    }
  }
}

function splitKey(key: string): [string, string] {
  const dot = key.indexOf('.');
  return [key.slice(0, dot), key.slice(dot + 1)];
}
