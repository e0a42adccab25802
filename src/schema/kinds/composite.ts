// Composite types (CREATE TYPE … AS (…)): attributes in order, with type and collation. ALTER TYPE can drop an
// attribute, add one at the end and change one's type (not while a column or another type stores it): any other
// change (a new attribute in the middle, a reorder) re-creates the type, and the cascade its dependents.
import type { KindHandler, PlanContext, ReadContext, SchemaObject } from '../types.js';
import { readUserTypes, type TypeRow, typeObject } from './user-type.js';

interface Row extends TypeRow {
  relid: number;
  /** Quoted names, and `name type [collate …]` as CREATE TYPE writes each attribute. */
  names: string[];
  attributes: string[];
}

async function readComposites(ctx: ReadContext): Promise<SchemaObject[]> {
  const attrs = (expr: string) =>
    `array(select ${expr} from pg_catalog.pg_attribute a
             join pg_catalog.pg_type at on at.oid = a.atttypid
             left join pg_catalog.pg_collation co on co.oid = a.attcollation
             left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
            where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped order by a.attnum)`;
  const rows = await readUserTypes<Row>(
    ctx,
    'c',
    `t.typrelid as relid, ${attrs('quote_ident(a.attname)')} as names,
     ${attrs(`quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
              || case when a.attcollation <> at.typcollation
                      then format(' collate %I.%I', cn.nspname, co.collname) else '' end`)} as attributes`,
    `join pg_catalog.pg_class r on r.oid = t.typrelid`,
    `r.relkind = 'c'`,
  );
  return rows.map((r) => {
    const o = typeObject('composite', r, { attributes: r.attributes }, [`pg_class:${r.relid}:0`]);
    o.extra = Object.fromEntries(r.names.map((q, i) => [`name ${i}`, q]));
    return o;
  });
}

interface Attribute {
  /** The quoted name. */
  q: string;
  /** `type [collate …]`. */
  type: string;
  spec: string;
}

function attributesOf(o: SchemaObject): Attribute[] {
  return (o.def.attributes as string[]).map((spec, i) => {
    const q = o.extra![`name ${i}`] as string;
    return { q, type: spec.slice(q.length + 1), spec };
  });
}

/** True when a column or another type stores values of this one: ALTER ATTRIBUTE … TYPE is refused then. */
function stored(o: SchemaObject, ctx: PlanContext): boolean {
  for (const x of ctx.from.objects.values()) {
    if ((x.kind === 'column' || x.kind === 'composite') && x.deps.includes(o.id)) return true;
  }
  return false;
}

export const compositeKind: KindHandler = {
  kind: 'composite',
  read: readComposites,
  create: (o) => [`create type ${o.q} as (${(o.def.attributes as string[]).join(', ')})`],
  drop: (o) => [`drop type ${o.q}`],
  alter(from, to, ctx) {
    const [a, b] = [attributesOf(from), attributesOf(to)];
    const names = new Set(a.map((x) => x.q));
    const kept = b.filter((x) => names.has(x.q));
    const old = a.filter((x) => kept.some((k) => k.q === x.q));
    // Kept attributes must come first in the new list, in their old order; new ones can only go at the end.
    if (b.slice(0, kept.length).some((x, i) => x.q !== old[i]!.q)) return null;
    const retyped = kept.filter((x, i) => x.type !== old[i]!.type);
    if (retyped.length > 0 && stored(from, ctx)) return null;
    const t = `alter type ${to.q}`;
    return [
      ...a.filter((x) => !kept.some((k) => k.q === x.q)).map((x) => `${t} drop attribute ${x.q}`),
      ...retyped.map((x) => `${t} alter attribute ${x.q} type ${x.type}`),
      ...b.slice(kept.length).map((x) => `${t} add attribute ${x.spec}`),
    ];
  },
  loses(from, to, replaced) {
    if (to && !replaced) {
      const gone = attributesOf(from).filter((a) => !attributesOf(to).some((b) => b.q === a.q));
      if (gone.length > 0)
        return `drops attribute ${gone.map((a) => a.q).join(', ')} of ${from.name}: stored values lose it`;
    }
    return undefined;
  },
};
