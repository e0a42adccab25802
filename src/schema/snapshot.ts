// Takes a snapshot: every kind's reader, on one connection with an empty search_path (names come back qualified),
// then pg_depend mapped onto the objects' ids, so the planner orders DDL by the database's own dependencies.

import { withQualifiedNames } from '../catalog/qualified.js';
import type { Queryable } from '../db/database.js';
import { readDependencies } from './dependencies.js';
import { HANDLERS } from './kinds/index.js';
import { PLATFORM_ONLY } from './scope.js';
import type { ReadContext, SchemaObject, Snapshot } from './types.js';

export async function takeSnapshot(db: Queryable): Promise<Snapshot> {
  return withQualifiedNames(db, async (q) => {
    const info = await q.query<{ role: string; version: number }>(
      `select current_user::text as role, current_setting('server_version_num')::int / 10000 as version`,
    );
    const { role, version } = info.rows[0]!;
    const objects = new Map<string, SchemaObject>();
    const ctx: ReadContext = { q, serverVersion: version, managed: [...PLATFORM_ONLY], objects };
    const unmodeled: string[] = [];
    for (const handler of HANDLERS) {
      if (!handler.read) continue;
      for (const o of await handler.read(ctx)) {
        if (o.def.unmodeled) unmodeled.push(o.name);
        else objects.set(o.id, o);
      }
    }
    await readDependencies(q, objects);
    return { objects, role, serverVersion: version, unmodeled };
  });
}
