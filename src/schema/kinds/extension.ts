// Extensions, every one installed but those every Supabase project starts with (scope.ts), with their schema. The version is not
// compared: upgrading an extension is the platform's business, not a migration's. The extension stands for its
// member objects too (citext's type, pg_trgm's operator classes), so a column or index using one is created after
// the extension and dropped before it.
import { PLATFORM_EXTENSIONS } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';

interface Row {
  oid: number;
  name: string;
  q: string;
  schema: string;
  sq: string;
  members: string[];
}

async function readExtensions({ q }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select x.oid, x.extname as name, quote_ident(x.extname) as q, n.nspname as schema,
            quote_ident(n.nspname) as sq,
            array(select m.classid::regclass::text || ':' || m.objid || ':0' from pg_catalog.pg_depend m
                   where m.refclassid = 'pg_extension'::regclass and m.refobjid = x.oid and m.deptype = 'e') as members
       from pg_catalog.pg_extension x
       join pg_catalog.pg_namespace n on n.oid = x.extnamespace
      where x.extname <> all($1::text[])`,
    [PLATFORM_EXTENSIONS],
  );
  return rows.rows.map((r) => ({
    id: `extension ${r.name}`,
    kind: 'extension',
    name: r.name,
    q: r.q,
    sqlRef: `EXTENSION ${r.q}`,
    def: { schema: r.schema },
    deps: [],
    keys: [`pg_extension:${r.oid}:0`, ...r.members],
    extra: { schema: r.sq },
  }));
}

export const extensionKind: KindHandler = {
  kind: 'extension',
  read: readExtensions,
  // WITH SCHEMA only names a schema that will exist: `extensions`, `public` or one of the user's. An extension
  // that lives in a schema of its own (pgmq in pgmq, pg_cron's cron) creates it itself, and a platform schema is
  // not in the snapshot to be created first.
  create: (o, ctx) => {
    const schema = o.def.schema as string;
    const exists = schema === 'extensions' || schema === 'public' || ctx.to.objects.has(`schema ${schema}`);
    return [`create extension if not exists ${o.q}${exists ? ` with schema ${o.extra!.schema}` : ''}`];
  },
  drop: (o) => [`drop extension ${o.q}`],
  alter: (_from, to) => [`alter extension ${to.q} set schema ${to.extra!.schema}`],
};
