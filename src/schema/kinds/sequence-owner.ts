// A sequence's OWNED BY column, as an object of its own: a serial column's sequence is created first, the table's
// default then uses it, and only once the table exists can the sequence be made its column's. Kept apart from the
// sequence, that order is an ordinary dependency instead of a cycle (dependencies.ts skips the catalog's own
// sequence → column edge for the same reason).
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';

interface Row {
  schema: string;
  name: string;
  q: string;
  tschema: string;
  table: string;
  column: string;
  cq: string;
}

export async function readSequenceOwners({ q, managed }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select n.nspname as schema, s.relname as name, format('%I.%I', n.nspname, s.relname) as q,
            tn.nspname as tschema, t.relname as table, a.attname as column,
            format('%I.%I.%I', tn.nspname, t.relname, a.attname) as cq
       from pg_catalog.pg_depend d
       join pg_catalog.pg_class s on s.oid = d.objid and s.relkind = 'S'
       join pg_catalog.pg_namespace n on n.oid = s.relnamespace
       join pg_catalog.pg_class t on t.oid = d.refobjid
       join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
       join pg_catalog.pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.deptype = 'a'
        and d.refobjsubid > 0 and ${userSchema('n')} and ${notInExtension('pg_class', 's.oid')}`,
    [managed],
  );
  return rows.rows.map((r) => {
    const sequence = `sequence ${r.schema}.${r.name}`;
    const table = `${r.tschema}.${r.table}`;
    return {
      id: `sequence-owner ${r.schema}.${r.name}`,
      kind: 'sequence-owner',
      name: `${r.schema}.${r.name}`,
      q: r.q,
      owner: sequence,
      def: { column: `${table}.${r.column}` },
      // The table too: a column created inside CREATE TABLE has no action of its own to wait for.
      deps: [sequence, `column ${table}.${r.column}`, `table ${table}`],
      extra: { column: r.cq },
    };
  });
}

export const sequenceOwnerKind: KindHandler = {
  kind: 'sequence-owner',
  read: readSequenceOwners,
  create: (o) => [`alter sequence ${o.q} owned by ${o.extra!.column}`],
  drop: (o) => [`alter sequence ${o.q} owned by none`],
  alter: (_from, to) => [`alter sequence ${to.q} owned by ${to.extra!.column}`],
};
