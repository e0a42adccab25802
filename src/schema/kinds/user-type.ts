// What enums, domains and composite types share: the user's pg_type rows of one typtype, and the object each
// becomes, which stands for the type and its array type (a column of `mood[]` depends on the enum `mood`).
import { notInExtension, userSchema } from '../scope.js';
import type { ObjectKind, ReadContext, SchemaObject } from '../types.js';

export interface TypeRow {
  oid: number;
  array: number;
  schema: string;
  name: string;
  q: string;
}

/**
 * The user's types of one typtype (`e`, `d`, `c`) with `columns` beside the TypeRow fields, `t` the pg_type row,
 * `n` its namespace. A composite type standing for a table, view or sequence (typrelid of another relkind) is left
 * out by the caller's own condition.
 */
export async function readUserTypes<R extends TypeRow>(
  { q, managed }: ReadContext,
  typtype: 'e' | 'd' | 'c',
  columns: string,
  joins = '',
  where = 'true',
): Promise<R[]> {
  const rows = await q.query<R>(
    `select t.oid, t.typarray as array, n.nspname as schema, t.typname as name,
            format('%I.%I', n.nspname, t.typname) as q, ${columns}
       from pg_catalog.pg_type t
       join pg_catalog.pg_namespace n on n.oid = t.typnamespace
       ${joins}
      where t.typtype = '${typtype}' and ${userSchema('n')} and ${notInExtension('pg_type', 't.oid')} and ${where}`,
    [managed],
  );
  return rows.rows;
}

export function typeObject(
  kind: ObjectKind,
  r: TypeRow,
  def: Record<string, unknown>,
  keys: string[] = [],
): SchemaObject {
  return {
    id: `${kind} ${r.schema}.${r.name}`,
    kind,
    name: `${r.schema}.${r.name}`,
    q: r.q,
    sqlRef: `${kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${r.q}`,
    def,
    deps: [],
    keys: [`pg_type:${r.oid}:0`, ...(r.array ? [`pg_type:${r.array}:0`] : []), ...keys],
  };
}
