// Publications: FOR ALL TABLES or not, which operations they publish, and whether a partition's changes go out as
// its root's. The platform's supabase_realtime exists in every database (the shim creates it), so it is read like any
// other and only its options and members (publication-table) ever differ. Options change in place; FOR ALL TABLES
// does not.
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';

interface Row {
  oid: number;
  name: string;
  q: string;
  alltables: boolean;
  publish: string;
  viaroot: boolean;
}

async function readPublications({ q }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select p.oid, p.pubname as name, quote_ident(p.pubname) as q, p.puballtables as alltables,
            array_to_string(array_remove(array[case when p.pubinsert then 'insert' end,
                                               case when p.pubupdate then 'update' end,
                                               case when p.pubdelete then 'delete' end,
                                               case when p.pubtruncate then 'truncate' end], null), ', ') as publish,
            p.pubviaroot as viaroot
       from pg_catalog.pg_publication p`,
  );
  return rows.rows.map((r) => ({
    id: `publication ${r.name}`,
    kind: 'publication',
    name: r.name,
    q: r.q,
    sqlRef: `PUBLICATION ${r.q}`,
    def: { allTables: r.alltables, publish: r.publish, viaRoot: r.viaroot },
    deps: [],
    keys: [`pg_publication:${r.oid}:0`],
  }));
}

/** The WITH options: publish always (its default is every operation), the partition root only when set. */
function options(d: Record<string, unknown>, before?: Record<string, unknown>): string {
  const out: string[] = [];
  if (d.publish !== before?.publish) out.push(`publish = '${d.publish as string}'`);
  if (before ? d.viaRoot !== before.viaRoot : d.viaRoot)
    out.push(`publish_via_partition_root = ${d.viaRoot as boolean}`);
  return out.join(', ');
}

export const publicationKind: KindHandler = {
  kind: 'publication',
  read: readPublications,
  create: (o) => [
    `create publication ${o.q}${o.def.allTables ? ' for all tables' : ''} with (${options(o.def)})`,
  ],
  drop: (o) => [`drop publication ${o.q}`],
  alter(from, to) {
    if (from.def.allTables !== to.def.allTables) return null;
    return [`alter publication ${to.q} set (${options(to.def, from.def)})`];
  },
};
