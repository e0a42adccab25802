// Columns: added with ALTER TABLE … ADD COLUMN (or inside CREATE TABLE when the table is new), changed in place
// (type with USING, default, not null, identity), and re-created only for a generated expression. A type change
// that is not a known widening, and a dropped column, are named as losing data.
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';

interface Row {
  rel: number;
  attnum: number;
  adoid: number | null;
  schema: string;
  table: string;
  tq: string;
  name: string;
  cq: string;
  type: string;
  notnull: boolean;
  def: string | null;
  identity: string;
  /** An identity column's sequence, qualified and quoted. */
  seq: string | null;
  /** Its name alone, quoted. */
  seqname: string | null;
  /** The name Postgres gives a new identity sequence of this column, quoted. */
  seqdefault: string;
  generated: string;
  collation: string | null;
}

export async function readColumns({ q, managed }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select c.oid as rel, a.attnum, ad.oid as adoid, n.nspname as schema, c.relname as table,
            format('%I.%I', n.nspname, c.relname) as tq, a.attname as name, quote_ident(a.attname) as cq,
            pg_catalog.format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull,
            pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) as def, a.attidentity as identity,
            a.attgenerated as generated,
            case when a.attidentity <> '' then format('%I.%I', sn.nspname, s.relname) end as seq,
            case when a.attidentity <> '' then quote_ident(s.relname) end as seqname,
            format('%I.%I', n.nspname, left(c.relname || '_' || a.attname || '_seq', 63)) as seqdefault,
            case when a.attcollation <> t.typcollation then format('%I.%I', cn.nspname, co.collname) end as collation
       from pg_catalog.pg_attribute a
       join pg_catalog.pg_class c on c.oid = a.attrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       join pg_catalog.pg_type t on t.oid = a.atttypid
       left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
       left join pg_catalog.pg_collation co on co.oid = a.attcollation
       left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
       -- An identity column's sequence depends on it internally (deptype 'i').
       left join pg_catalog.pg_depend sd on a.attidentity <> '' and sd.refclassid = 'pg_catalog.pg_class'::regclass
            and sd.refobjid = a.attrelid and sd.refobjsubid = a.attnum and sd.deptype = 'i'
            and sd.classid = 'pg_catalog.pg_class'::regclass
       left join pg_catalog.pg_class s on s.oid = sd.objid and s.relkind = 'S'
       left join pg_catalog.pg_namespace sn on sn.oid = s.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped
        and ${userSchema('n')}
        and ${notInExtension('pg_class', 'c.oid')}`,
    [managed],
  );
  const order = new Map<number, number>();
  return rows.rows
    .sort((a, b) => a.rel - b.rel || a.attnum - b.attnum)
    .map((r) => {
      // The position among live columns, not attnum: a dropped column leaves a gap that is not the user's.
      const position = (order.get(r.rel) ?? 0) + 1;
      order.set(r.rel, position);
      const generated = r.generated === 's' ? r.def : null;
      return {
        id: `column ${r.schema}.${r.table}.${r.name}`,
        kind: 'column' as const,
        name: `${r.schema}.${r.table}.${r.name}`,
        q: r.cq,
        sqlRef: `COLUMN ${r.tq}.${r.cq}`,
        owner: `table ${r.schema}.${r.table}`,
        def: {
          type: r.type,
          notNull: r.notnull,
          default: generated ? null : r.def,
          identity: r.identity,
          // Named only when it is not the name Postgres would choose (the table was renamed after the column
          // was made: a_id_seq on table b), so a re-created column keeps the sequence later files name.
          ...(r.seq && r.seq !== r.seqdefault ? { sequence: r.seq } : {}),
          generated,
          collation: r.collation,
        },
        deps: [],
        keys: [`pg_class:${r.rel}:${r.attnum}`, ...(r.adoid ? [`pg_attrdef:${r.adoid}:0`] : [])],
        extra: {
          table: r.tq,
          position,
          ...(r.seq && r.seqname ? { sequence: r.seq, sequenceName: r.seqname } : {}),
        },
      };
    });
}

/** `name type [collate] [generated …] [default …] [not null] [identity]`: one column as CREATE TABLE writes it. */
export function columnSpec(c: SchemaObject): string {
  const d = c.def;
  const parts = [c.q!, d.type as string];
  if (d.collation) parts.push(`collate ${d.collation as string}`);
  if (d.generated) parts.push(`generated always as (${d.generated as string}) stored`);
  if (d.default !== null) parts.push(`default ${d.default as string}`);
  if (d.notNull) parts.push('not null');
  if (d.identity)
    parts.push(`generated ${d.identity === 'a' ? 'always' : 'by default'} as identity${named(c)}`);
  return parts.join(' ');
}

/** ` (sequence name s.x)` for an identity column whose sequence is not named as Postgres would name it. */
function named(c: SchemaObject): string {
  return c.def.sequence ? ` (sequence name ${c.def.sequence as string})` : '';
}

function tableOf(c: SchemaObject): string {
  return c.extra!.table as string;
}

const WIDENINGS: [RegExp, RegExp][] = [
  [/^(smallint|integer)$/, /^(integer|bigint|numeric|text)$/],
  [/^character varying\(\d+\)$/, /^(text|character varying)$/],
  [/^character\(\d+\)$/, /^(text|character varying)$/],
  [/^timestamp without time zone$/, /^timestamp with time zone$/],
  [/^json$/, /^jsonb$/],
];

function widens(a: string, b: string): boolean {
  const len = (t: string) => Number(/^character varying\((\d+)\)$/.exec(t)?.[1]);
  if (len(a) && len(b)) return len(b) >= len(a);
  return WIDENINGS.some(([x, y]) => x.test(a) && y.test(b));
}

export const columnKind: KindHandler = {
  kind: 'column',
  read: readColumns,
  foldedIntoOwner: () => true,
  create: (c) => [`alter table ${tableOf(c)} add column ${columnSpec(c)}`],
  drop: (c) => [`alter table ${tableOf(c)} drop column ${c.q}`],
  alter(from, to) {
    const [a, b] = [from.def, to.def];
    if (a.generated !== b.generated) return null;
    const t = `alter table ${tableOf(to)} alter column ${to.q}`;
    const out: string[] = [];
    if (a.identity && !b.identity) out.push(`${t} drop identity`);
    if (a.default !== b.default && a.default !== null) out.push(`${t} drop default`);
    if (a.type !== b.type || a.collation !== b.collation) {
      const coll = b.collation ? ` collate ${b.collation as string}` : '';
      out.push(`${t} type ${b.type as string}${coll} using ${to.q}::${b.type as string}`);
    }
    if (a.default !== b.default && b.default !== null) out.push(`${t} set default ${b.default as string}`);
    if (a.notNull !== b.notNull) out.push(`${t} ${b.notNull ? 'set' : 'drop'} not null`);
    const generated = b.identity === 'a' ? 'always' : 'by default';
    if (b.identity && !a.identity) out.push(`${t} add generated ${generated} as identity${named(to)}`);
    else if (b.identity && a.identity !== b.identity) out.push(`${t} set generated ${generated}`);
    if (a.identity && b.identity && a.sequence !== b.sequence && to.extra?.sequenceName) {
      out.push(
        `alter sequence ${from.extra!.sequence as string} rename to ${to.extra.sequenceName as string}`,
      );
    }
    return out;
  },
  alterNeedsDependentsGone: (from, to) =>
    from.def.type !== to.def.type || from.def.collation !== to.def.collation,
  loses(from, to, replaced) {
    if (!to) return `drops column ${from.name} and its values`;
    if (replaced)
      return from.def.generated ? undefined : `re-creates column ${from.name}: its values are lost`;
    const [a, b] = [from.def.type as string, to.def.type as string];
    if (a !== b && !widens(a, b))
      return `changes ${from.name} from ${a} to ${b}: values that do not convert fail the migration, and a narrower type may cut them`;
    return undefined;
  },
};
