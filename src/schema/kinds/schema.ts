// Schemas: `create schema`; the platform's (auth, storage, …) are not the user's and are never read.
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';

export const schemaKind: KindHandler = {
  kind: 'schema',
  async read({ q, managed }: ReadContext): Promise<SchemaObject[]> {
    const rows = await q.query<{ oid: number; name: string; q: string }>(
      `select n.oid, n.nspname as name, quote_ident(n.nspname) as q
         from pg_catalog.pg_namespace n
        where ${userSchema('n')} and n.nspname <> 'information_schema' and ${notInExtension('pg_namespace', 'n.oid')}`,
      [managed],
    );
    return rows.rows.map((r) => ({
      id: `schema ${r.name}`,
      kind: 'schema',
      name: r.name,
      def: {},
      q: r.q,
      deps: [],
      sqlRef: `SCHEMA ${r.q}`,
      keys: [`pg_namespace:${r.oid}:0`],
    }));
  },
  create: (o) => [`create schema ${o.q!}`],
  drop: (o) => [`drop schema ${o.q!}`],
};
