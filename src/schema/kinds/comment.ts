// Comments (pg_description) on the snapshot's objects: tables, columns, views, sequences, functions, types, domains,
// schemas, constraints, indexes, triggers, policies, extensions. COMMENT ON's target is Postgres's own naming of the
// object (pg_identify_object). An extension's comment from its control file is the extension's, not a migration's.
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';
import { objectsByKey } from './catalog-keys.js';
import { literal } from './names.js';

interface Row {
  cat: string;
  oid: number;
  sub: number;
  text: string;
  target: string;
  /** For a column: its relation's schema, name and its own name (an id when the column has no object). */
  schema: string | null;
  rel: string | null;
  col: string | null;
}

async function read(ctx: ReadContext): Promise<SchemaObject[]> {
  const rows = await ctx.q.query<Row>(
    `select d.classoid::pg_catalog.regclass::text as cat, d.objoid as oid, d.objsubid as sub, d.description as text,
            case when o.type like '% column' then 'column ' || o.identity
                 when o.type = 'table constraint' then 'constraint ' || o.identity
                 when o.type = 'domain constraint' then
                   (select format('constraint %I on domain %s', k.conname,
                                  (pg_catalog.pg_identify_object('pg_type'::pg_catalog.regclass, k.contypid, 0)).identity)
                      from pg_catalog.pg_constraint k where k.oid = d.objoid)
                 when o.type = 'composite type' then 'type ' || o.identity
                 when o.type = 'type' and t.typtype = 'd' then 'domain ' || o.identity
                 else o.type || ' ' || o.identity end as target,
            n.nspname as schema, c.relname as rel, a.attname as col
       from pg_catalog.pg_description d
       cross join lateral pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) o
       left join pg_catalog.pg_type t on d.classoid = 'pg_type'::pg_catalog.regclass and t.oid = d.objoid
       left join pg_catalog.pg_class c on d.classoid = 'pg_class'::pg_catalog.regclass and d.objsubid > 0 and c.oid = d.objoid
       left join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid
      where (d.objoid >= 16384 or d.classoid = 'pg_namespace'::pg_catalog.regclass)
        and not exists (select 1 from pg_catalog.pg_depend m
                         where m.classid = d.classoid and m.objid = d.objoid and m.deptype = 'e')
        and not exists (select 1 from pg_catalog.pg_extension e join pg_catalog.pg_available_extensions x on x.name = e.extname
                         where d.classoid = 'pg_extension'::pg_catalog.regclass and e.oid = d.objoid
                           and x.comment = d.description)`,
  );
  const byKey = objectsByKey(ctx);
  const out: SchemaObject[] = [];
  for (const r of rows.rows) {
    const key = `${r.cat}:${r.oid}:${r.sub}`;
    const exact = byKey.get(key);
    // A view's or a composite type's column has no object of its own: its comment goes with its relation.
    const owner = exact ?? (r.sub > 0 ? byKey.get(`${r.cat}:${r.oid}:0`) : undefined);
    if (!owner) continue; // not in the snapshot: the platform's, an extension's, or a kind not modeled
    let id = exact ? `comment ${exact.id}` : `comment column ${r.schema}.${r.rel}.${r.col}`;
    // An object standing for several catalog rows (a constraint and its index, a domain and its checks): the
    // others' comments are apart, named by what they are on.
    if (exact && exact.keys?.[0] !== key) id += ` (${r.target})`;
    out.push({
      id,
      kind: 'comment',
      name: id.slice('comment '.length),
      def: { text: r.text },
      deps: [],
      owner: owner.id,
      extra: { target: r.target },
    });
  }
  return out;
}

function on(o: SchemaObject): string {
  return `comment on ${o.extra!.target as string} is`;
}

export const commentKind: KindHandler = {
  kind: 'comment',
  read,
  create: (o) => [`${on(o)} ${literal(o.def.text as string)}`],
  drop: (o) => [`${on(o)} null`],
  alter: (_from, to) => [`${on(to)} ${literal(to.def.text as string)}`],
};
