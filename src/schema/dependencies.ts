// pg_depend, mapped onto snapshot ids. Each object lists the catalog keys that stand for it (a view also stands
// for its rewrite rule, a column for its default, a table for its row type, a constraint for its index), so an
// edge between any two catalog rows becomes an edge between the objects that own them.
import type { Queryable } from '../db/database.js';
import type { SchemaObject } from './types.js';

interface DependRow {
  obj: string;
  ref: string;
  refwhole: string;
}

export async function readDependencies(q: Queryable, objects: Map<string, SchemaObject>): Promise<void> {
  const byKey = new Map<string, string>();
  for (const o of objects.values()) for (const k of o.keys ?? []) byKey.set(k, o.id);
  const rows = await q.query<DependRow>(
    `select d.classid::regclass::text || ':' || d.objid || ':' || d.objsubid as obj,
            d.refclassid::regclass::text || ':' || d.refobjid || ':' || d.refobjsubid as ref,
            d.refclassid::regclass::text || ':' || d.refobjid || ':0' as refwhole
       from pg_catalog.pg_depend d
      where d.deptype in ('n', 'a') and d.objid >= 16384
        -- A sequence's OWNED BY column: the sequence-owner object's edge, not the sequence's (it comes before).
        and not (d.deptype = 'a' and d.classid = 'pg_class'::regclass and d.refobjsubid > 0
                 and exists (select 1 from pg_catalog.pg_class s where s.oid = d.objid and s.relkind = 'S'))`,
  );
  for (const r of rows.rows) {
    const from = byKey.get(r.obj) ?? byKey.get(wholeOf(r.obj));
    const to = byKey.get(r.ref) ?? byKey.get(r.refwhole);
    if (!from || !to || from === to) continue;
    const o = objects.get(from)!;
    if (!o.deps.includes(to)) o.deps.push(to);
  }
}

function wholeOf(key: string): string {
  return key.replace(/:-?\d+$/, ':0');
}
