// What a publication publishes: a table (with its column list and row filter, PostgreSQL 15+) or, from 15 on, every
// table of a schema (`<pub>:<schema>.*`). A member is added and dropped with ALTER PUBLICATION; a changed column
// list or filter is a drop and an add. `alter publication supabase_realtime add table …` is how Supabase turns
// Realtime on for a table: a member of the platform's publication is the user's. Tables of the platform's own
// schemas (realtime.messages) are left out like everything else there.
import { userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';

interface Row {
  pub: string;
  pq: string;
  schema: string;
  table: string | null;
  tq: string;
  columns: string[] | null;
  cq: string[] | null;
  filter: string | null;
}

async function readPublicationTables({ q, managed, serverVersion }: ReadContext): Promise<SchemaObject[]> {
  const modern = serverVersion >= 15;
  const attrs = (list: string) =>
    `(select array_agg(${list} order by a.attnum) from pg_catalog.pg_attribute a
       where a.attrelid = r.prrelid and a.attnum = any(r.prattrs))`;
  const rows = await q.query<Row>(
    `select p.pubname as pub, quote_ident(p.pubname) as pq, n.nspname as schema, c.relname as table,
            format('%I.%I', n.nspname, c.relname) as tq,
            ${modern ? attrs('a.attname::text') : 'null'} as columns,
            ${modern ? attrs('quote_ident(a.attname)') : 'null'} as cq,
            ${modern ? 'pg_catalog.pg_get_expr(r.prqual, r.prrelid)' : 'null'} as filter
       from pg_catalog.pg_publication_rel r
       join pg_catalog.pg_publication p on p.oid = r.prpubid
       join pg_catalog.pg_class c on c.oid = r.prrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where ${userSchema('n')}
     ${
       modern
         ? `union all
     select p.pubname, quote_ident(p.pubname), n.nspname, null, quote_ident(n.nspname), null, null, null
       from pg_catalog.pg_publication_namespace s
       join pg_catalog.pg_publication p on p.oid = s.pnpubid
       join pg_catalog.pg_namespace n on n.oid = s.pnnspid
      where ${userSchema('n')}`
         : ''
     }`,
    [managed],
  );
  return rows.rows.map((r) => {
    const target = `${r.schema}.${r.table ?? '*'}`;
    const table = `table ${r.schema}.${r.table}`;
    const columns = (r.columns ?? []).map((c) => `column ${r.schema}.${r.table}.${c}`);
    return {
      id: `publication-table ${r.pub}:${target}`,
      kind: 'publication-table',
      name: `${r.pub}:${target}`,
      owner: `publication ${r.pub}`,
      def: { columns: r.columns, where: r.filter },
      deps: r.table ? [table, ...columns] : [`schema ${r.schema}`],
      extra: {
        publication: r.pq,
        member: r.table
          ? `table ${r.tq}${r.cq ? ` (${r.cq.join(', ')})` : ''}${r.filter ? ` where (${r.filter})` : ''}`
          : `tables in schema ${r.tq}`,
        target: r.table ? `table ${r.tq}` : `tables in schema ${r.tq}`,
      },
    };
  });
}

export const publicationTableKind: KindHandler = {
  kind: 'publication-table',
  read: readPublicationTables,
  create: (o) => [`alter publication ${o.extra!.publication} add ${o.extra!.member}`],
  drop: (o) => [`alter publication ${o.extra!.publication} drop ${o.extra!.target}`],
  alter: () => null,
};
