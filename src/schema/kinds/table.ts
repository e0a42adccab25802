// Tables, ordinary and partitioned, logged or not, a partition with its bound; RLS enabled/forced and storage
// options change in place, a change of partitioning re-creates the table (and says its rows are lost).
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, PlanContext, ReadContext, SchemaObject } from '../types.js';
import { columnSpec } from './column.js';
import { optionChanges } from './reloptions.js';

interface Row {
  oid: number;
  reltype: number;
  schema: string;
  name: string;
  q: string;
  persistence: string;
  partkey: string | null;
  parent: string | null;
  parentq: string | null;
  bound: string | null;
  rls: boolean;
  force: boolean;
  options: string[] | null;
}

export async function readTables({ q, managed }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select c.oid, c.reltype, n.nspname as schema, c.relname as name, format('%I.%I', n.nspname, c.relname) as q,
            c.relpersistence as persistence,
            case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end as partkey,
            case when c.relispartition then pn.nspname || '.' || p.relname end as parent,
            case when c.relispartition then format('%I.%I', pn.nspname, p.relname) end as parentq,
            case when c.relispartition then pg_catalog.pg_get_expr(c.relpartbound, c.oid) end as bound,
            c.relrowsecurity as rls, c.relforcerowsecurity as force, c.reloptions as options
       from pg_catalog.pg_class c
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       left join pg_catalog.pg_inherits i on c.relispartition and i.inhrelid = c.oid
       left join pg_catalog.pg_class p on p.oid = i.inhparent
       left join pg_catalog.pg_namespace pn on pn.oid = p.relnamespace
      where c.relkind in ('r', 'p') and ${userSchema('n')} and ${notInExtension('pg_class', 'c.oid')}`,
    [managed],
  );
  return rows.rows.map((r) => ({
    id: `table ${r.schema}.${r.name}`,
    kind: 'table',
    name: `${r.schema}.${r.name}`,
    q: r.q,
    sqlRef: `TABLE ${r.q}`,
    def: {
      unlogged: r.persistence === 'u',
      partitionBy: r.partkey,
      partitionOf: r.parentq,
      bound: r.bound,
      rls: r.rls,
      forceRls: r.force,
      options: [...(r.options ?? [])].sort(),
    },
    deps: r.parent ? [`table ${r.parent}`] : [],
    keys: [`pg_class:${r.oid}:0`, `pg_type:${r.reltype}:0`],
  }));
}

function flags(
  o: SchemaObject,
  before: Record<string, unknown> = { rls: false, forceRls: false, options: [] },
): string[] {
  const out: string[] = [];
  const d = o.def;
  if (d.rls !== before.rls) out.push(`alter table ${o.q} ${d.rls ? 'enable' : 'disable'} row level security`);
  if (d.forceRls !== before.forceRls)
    out.push(`alter table ${o.q} ${d.forceRls ? '' : 'no '}force row level security`);
  const { reset, set } = optionChanges(before.options as string[], d.options as string[]);
  if (reset.length > 0) out.push(`alter table ${o.q} reset (${reset.join(', ')})`);
  if (set.length > 0) out.push(`alter table ${o.q} set (${set.join(', ')})`);
  return out;
}

function create(o: SchemaObject, ctx: PlanContext): string[] {
  const d = o.def;
  const columns = (ctx.children.get(o.id) ?? []).filter((c) => c.kind === 'column');
  columns.sort((a, b) => (a.extra!.position as number) - (b.extra!.position as number));
  const head = `create ${d.unlogged ? 'unlogged ' : ''}table ${o.q}`;
  const parted = d.partitionBy ? ` partition by ${d.partitionBy as string}` : '';
  const body = d.partitionOf
    ? `${head} partition of ${d.partitionOf as string} ${d.bound as string}`
    : `${head} (\n${columns.map((c) => `  ${columnSpec(c)}`).join(',\n')}\n)`;
  return [`${body}${parted}`, ...flags(o)];
}

export const tableKind: KindHandler = {
  kind: 'table',
  read: readTables,
  create,
  drop: (o) => [`drop table ${o.q}`],
  alter(from, to) {
    const [a, b] = [from.def, to.def];
    if (a.partitionBy !== b.partitionBy || a.partitionOf !== b.partitionOf || a.bound !== b.bound)
      return null;
    const out: string[] = [];
    if (a.unlogged !== b.unlogged) out.push(`alter table ${to.q} set ${b.unlogged ? 'unlogged' : 'logged'}`);
    return [...out, ...flags(to, a)];
  },
  loses(from, to, replaced) {
    if (!to) return `drops table ${from.name} and its rows`;
    return replaced ? `re-creates table ${from.name}: its rows are lost` : undefined;
  },
};
