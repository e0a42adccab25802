// Indexes that are not a constraint's own (those come with their constraint): pg_get_indexdef's statement, with
// method, partial predicate, expressions and INCLUDE. Any change is a drop and a create; an index a partition
// inherits from its parent's partitioned index belongs to the parent's.
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';
import { relationId } from './names.js';

interface Row {
  oid: number;
  relkind: string;
  schema: string;
  table: string;
  name: string;
  iq: string;
  definition: string;
}

export async function readIndexes({ q, managed }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select ic.oid, c.relkind, n.nspname as schema, c.relname as table, ic.relname as name,
            format('%I.%I', n.nspname, ic.relname) as iq, pg_catalog.pg_get_indexdef(ic.oid) as definition
       from pg_catalog.pg_index i
       join pg_catalog.pg_class ic on ic.oid = i.indexrelid
       join pg_catalog.pg_class c on c.oid = i.indrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'm') and ${userSchema('n')}
        and not exists (select 1 from pg_catalog.pg_constraint k
                         where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))
        and not exists (select 1 from pg_catalog.pg_inherits h where h.inhrelid = i.indexrelid)
        and ${notInExtension('pg_class', 'c.oid')}`,
    [managed],
  );
  return rows.rows.map((r) => ({
    id: `index ${r.schema}.${r.name}`,
    kind: 'index',
    name: `${r.schema}.${r.name}`,
    q: r.iq,
    sqlRef: `INDEX ${r.iq}`,
    owner: relationId(r.relkind, r.schema, r.table),
    def: { definition: r.definition },
    deps: [],
    keys: [`pg_class:${r.oid}:0`],
  }));
}

export const indexKind: KindHandler = {
  kind: 'index',
  read: readIndexes,
  create: (o) => [o.def.definition as string],
  drop: (o) => [`drop index ${o.q}`],
  alter: () => null,
};
