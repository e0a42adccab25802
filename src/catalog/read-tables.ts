// Tables, views and their columns and constraints, read in one round trip: every relation's columns,
// constraints and unique indexes come back as json_agg arrays, which PGlite answers as fast as a server.
import type { Queryable } from '../db/database.js';
import { withQualifiedNames } from './qualified.js';
import type { CheckConstraint, ColumnInfo, ForeignKey, TableInfo } from './types.js';

/** Relation kinds the catalog describes (tables, partitioned tables, views, matviews, foreign tables). */
export const RELATION_KINDS = `('r', 'p', 'v', 'm', 'f')`;

/**
 * The relations of some schemas a migration author owns: partitions are their parent's rows, and an
 * extension's tables are the extension's (pg_depend 'e'), so both are left out.
 */
export const OWN_RELATIONS = `c.relkind in ${RELATION_KINDS} and not c.relispartition
  and not exists (select 1 from pg_depend d
                   where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`;

/** Column names of `keys` (attnums of relation `rel`), in the order given. */
const names = (keys: string, rel: string) => `array(
  select att.attname::text from unnest(${keys}) with ordinality key(num, ord)
    join pg_attribute att on att.attrelid = ${rel} and att.attnum = key.num order by key.ord)`;

// t is the column's type, e the element type for an array (else t itself), b the base of a domain (else e).
const COLUMNS = `coalesce((
  select json_agg(json_build_object(
    'name', a.attname,
    'type', format_type(a.atttypid, a.atttypmod),
    'typeSchema', en.nspname,
    'typeName', e.typname,
    'category', e.typcategory,
    'isArray', e.oid <> t.oid,
    'enumLabels', (select json_agg(l.enumlabel order by l.enumsortorder) from pg_enum l where l.enumtypid = b.oid),
    'domainBase', case when e.typtype = 'd' then format_type(e.typbasetype, e.typtypmod) end,
    'notNull', a.attnotnull,
    'default', case when a.attgenerated = '' then pg_get_expr(ad.adbin, ad.adrelid) end,
    'identity', a.attidentity::text,
    'generated', a.attgenerated <> '',
    'maxLength', case when b.oid in ('varchar'::regtype, 'bpchar'::regtype)
                       and (case when e.typtype = 'd' then e.typtypmod else a.atttypmod end) > 4
                      then (case when e.typtype = 'd' then e.typtypmod else a.atttypmod end) - 4 end
  ) order by a.attnum)
  from pg_attribute a
  join pg_type t on t.oid = a.atttypid
  join pg_type e on e.oid = case when t.typelem <> 0 and t.typcategory = 'A' then t.typelem else t.oid end
  join pg_namespace en on en.oid = e.typnamespace
  join pg_type b on b.oid = case when e.typtype = 'd' then e.typbasetype else e.oid end
  left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]')`;

const CONSTRAINTS = `coalesce((
  select json_agg(json_build_object(
    'name', k.conname,
    'type', k.contype,
    'columns', ${names('k.conkey', 'k.conrelid')},
    'definition', case when k.contype = 'c' then pg_get_constraintdef(k.oid) end,
    'refSchema', rn.nspname,
    'refTable', r.relname,
    'refColumns', ${names('k.confkey', 'k.confrelid')}
  ) order by k.conname)
  from pg_constraint k
  left join pg_class r on r.oid = k.confrelid
  left join pg_namespace rn on rn.oid = r.relnamespace
  where k.conrelid = c.oid and k.contype in ('p', 'u', 'f', 'c')), '[]')`;

// Unique indexes that back no constraint of their own table (those are read above), over plain columns only.
const UNIQUE_INDEXES = `coalesce((
  select json_agg(${names('(i.indkey::int2[])[0:i.indnkeyatts - 1]', 'i.indrelid')} order by ic.relname)
  from pg_index i join pg_class ic on ic.oid = i.indexrelid
  where i.indrelid = c.oid and i.indisunique and i.indpred is null and i.indexprs is null
    and not exists (select 1 from pg_constraint k
                     where k.conrelid = i.indrelid and k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))
), '[]')`;

const SELECT = `select n.nspname as schema, c.relname as name, c.relkind::text as kind,
    c.relrowsecurity as rls, c.relforcerowsecurity as "forceRls",
    ${COLUMNS} as columns, ${CONSTRAINTS} as constraints, ${UNIQUE_INDEXES} as "uniqueIndexes"
  from pg_class c join pg_namespace n on n.oid = c.relnamespace`;

interface ConstraintRow {
  name: string;
  type: 'p' | 'u' | 'f' | 'c';
  columns: string[];
  definition: string | null;
  refSchema: string | null;
  refTable: string | null;
  refColumns: string[];
}

interface RelationRow {
  schema: string;
  name: string;
  kind: TableInfo['kind'];
  rls: boolean;
  forceRls: boolean;
  columns: ColumnInfo[];
  constraints: ConstraintRow[];
  uniqueIndexes: string[][];
}

/** Every table, view, matview and foreign table of `schemas` (not partitions, not extensions'), by schema and name. */
export async function readTables(db: Queryable, schemas: string[]): Promise<TableInfo[]> {
  const { rows } = await withQualifiedNames(db, (q) =>
    q.query<RelationRow>(
      `${SELECT} where n.nspname = any($1::text[]) and ${OWN_RELATIONS} order by n.nspname, c.relname`,
      [schemas],
    ),
  );
  return rows.map(toTableInfo);
}

/** One relation by name, of any kind the catalog describes (a foreign key's parent: auth.users…), or undefined. */
export async function readTable(db: Queryable, schema: string, name: string): Promise<TableInfo | undefined> {
  const { rows } = await withQualifiedNames(db, (q) =>
    q.query<RelationRow>(
      `${SELECT} where n.nspname = $1 and c.relname = $2 and c.relkind in ${RELATION_KINDS}`,
      [schema, name],
    ),
  );
  return rows[0] && toTableInfo(rows[0]);
}

function toTableInfo(r: RelationRow): TableInfo {
  const of = (type: ConstraintRow['type']) => r.constraints.filter((k) => k.type === type);
  const uniques: string[][] = [];
  for (const columns of [...of('u').map((k) => k.columns), ...r.uniqueIndexes]) {
    if (!uniques.some((u) => u.join('\0') === columns.join('\0'))) uniques.push(columns);
  }
  return {
    schema: r.schema,
    name: r.name,
    kind: r.kind,
    rls: r.rls,
    forceRls: r.forceRls,
    columns: r.columns,
    primaryKey: of('p')[0]?.columns ?? [],
    uniques,
    foreignKeys: of('f').map(
      (k): ForeignKey => ({
        name: k.name,
        columns: k.columns,
        refSchema: k.refSchema!,
        refTable: k.refTable!,
        refColumns: k.refColumns,
      }),
    ),
    checks: of('c').map(
      (k): CheckConstraint => ({ name: k.name, definition: k.definition!, columns: k.columns }),
    ),
  };
}
