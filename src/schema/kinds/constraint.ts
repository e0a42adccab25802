// Table constraints (primary key, unique, foreign key, check, exclusion), as pg_get_constraintdef writes them, with
// NOT VALID and DEFERRABLE. A constraint that only became valid is validated in place; any other change is a drop
// and an add. A constraint a partition inherits belongs to its parent's.
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';
import { relationId } from './names.js';

interface Row {
  oid: number;
  index: number;
  relkind: string;
  schema: string;
  table: string;
  tq: string;
  name: string;
  cq: string;
  type: string;
  definition: string;
  validated: boolean;
}

export async function readConstraints({ q, managed }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select k.oid, k.conindid as index, c.relkind, n.nspname as schema, c.relname as table,
            format('%I.%I', n.nspname, c.relname) as tq, k.conname as name, quote_ident(k.conname) as cq,
            k.contype as type, pg_catalog.pg_get_constraintdef(k.oid) as definition, k.convalidated as validated
       from pg_catalog.pg_constraint k
       join pg_catalog.pg_class c on c.oid = k.conrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where k.contype in ('p', 'u', 'f', 'c', 'x') and k.conislocal and not c.relispartition
        and ${userSchema('n')}
        and ${notInExtension('pg_class', 'c.oid')}`,
    [managed],
  );
  return rows.rows.map((r) => ({
    id: `constraint ${r.schema}.${r.table}.${r.name}`,
    kind: 'constraint',
    name: `${r.name} on ${r.schema}.${r.table}`,
    q: r.cq,
    sqlRef: `CONSTRAINT ${r.cq} ON ${r.tq}`,
    owner: relationId(r.relkind, r.schema, r.table),
    def: { type: r.type, definition: r.definition, validated: r.validated },
    deps: [],
    keys: [`pg_constraint:${r.oid}:0`, ...(r.index && r.type !== 'f' ? [`pg_class:${r.index}:0`] : [])],
    extra: { table: r.tq },
  }));
}

export const constraintKind: KindHandler = {
  kind: 'constraint',
  read: readConstraints,
  create: (o) => [`alter table ${o.extra!.table} add constraint ${o.q} ${o.def.definition as string}`],
  drop: (o) => [`alter table ${o.extra!.table} drop constraint ${o.q}`],
  alter(from, to) {
    const valid = (s: unknown) => (s as string).replace(/ NOT VALID$/, '');
    if (from.def.type !== to.def.type || valid(from.def.definition) !== valid(to.def.definition)) return null;
    if (!from.def.validated && to.def.validated) {
      return [`alter table ${to.extra!.table} validate constraint ${to.q}`];
    }
    return null;
  },
};
