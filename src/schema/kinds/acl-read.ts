// Reads the privileges on every ACL-bearing object of the snapshot: relations, columns with a column ACL, functions
// and procedures, schemas, types and domains. What an object holds is its ACL or, while it has none, the builtin
// default (`acldefault`), without its owner's entries: owners are not compared, a migration runs as one role.
import { notInExtension, userSchema } from '../scope.js';
import type { ReadContext, SchemaObject } from '../types.js';
import { objectsByKey } from './catalog-keys.js';
import { explodedSql, toGrants } from './grants.js';

interface Row {
  cat: string;
  oid: number;
  sub: number;
  /** acldefault's object type: r relation, s sequence, c column, f function, n schema, T type. */
  objtype: string;
  /** The GRANT target: `table public.t`, `function public.f(integer)`. */
  target: string;
  schema: string;
  rel: string | null;
  col: string | null;
  colq: string | null;
  /** A composite type's relation: its snapshot object may stand for it by that key. */
  typrelid: number | null;
  privileges: string[];
}

const SOURCES = `
  select 'pg_class' as cat, c.oid, 0 as sub, case c.relkind when 'S' then 's' else 'r' end as objtype,
         case c.relkind when 'S' then 'sequence ' else 'table ' end || format('%I.%I', n.nspname, c.relname) as target,
         n.nspname as schema, null::name as rel, null::name as col, null as colq, null::oid as typrelid,
         c.relacl as acl, c.relowner as owner
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and ${userSchema('n')} and ${notInExtension('pg_class', 'c.oid')}
  union all
  select 'pg_class', c.oid, a.attnum, 'c', 'table ' || format('%I.%I', n.nspname, c.relname),
         n.nspname, c.relname, a.attname, quote_ident(a.attname), null, a.attacl, c.relowner
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where a.attacl is not null and a.attnum > 0 and not a.attisdropped and ${userSchema('n')}
     and ${notInExtension('pg_class', 'c.oid')}
  union all
  select 'pg_proc', p.oid, 0, 'f',
         case p.prokind when 'p' then 'procedure ' else 'function ' end || p.oid::pg_catalog.regprocedure::text,
         n.nspname, null, null, null, null, p.proacl, p.proowner
    from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
   where ${userSchema('n')} and ${notInExtension('pg_proc', 'p.oid')}
  union all
  select 'pg_namespace', n.oid, 0, 'n', 'schema ' || quote_ident(n.nspname),
         n.nspname, null, null, null, null, n.nspacl, n.nspowner
    from pg_catalog.pg_namespace n
   where ${userSchema('n')} and ${notInExtension('pg_namespace', 'n.oid')}
  union all
  select 'pg_type', t.oid, 0, 'T',
         case t.typtype when 'd' then 'domain ' else 'type ' end || format('%I.%I', n.nspname, t.typname),
         n.nspname, null, null, null, nullif(t.typrelid, 0), t.typacl, t.typowner
    from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
   where ${userSchema('n')} and ${notInExtension('pg_type', 't.oid')} and (t.typtype in ('e', 'd', 'r', 'm')
         or t.typtype = 'c' and exists (select 1 from pg_catalog.pg_class r where r.oid = t.typrelid and r.relkind = 'c'))`;

export async function readAcls(ctx: ReadContext): Promise<SchemaObject[]> {
  const rows = await ctx.q.query<Row>(
    `select s.cat, s.oid, s.sub, s.objtype, s.target, s.schema, s.rel, s.col, s.colq, s.typrelid,
            ${explodedSql(`coalesce(s.acl, pg_catalog.acldefault(s.objtype::"char", s.owner))`, 's.owner')} as privileges
       from (${SOURCES}) s`,
    [ctx.managed],
  );
  const byKey = objectsByKey(ctx);
  const out: SchemaObject[] = [];
  for (const r of rows.rows) {
    const whole =
      byKey.get(`${r.cat}:${r.oid}:0`) ?? (r.typrelid ? byKey.get(`pg_class:${r.typrelid}:0`) : undefined);
    if (!whole) continue; // not in the snapshot: the platform's, an extension's, or a kind not modeled
    const grants = toGrants(r.privileges);
    if (r.sub === 0) {
      out.push(aclObject(whole.id, grants, { target: r.target, objtype: r.objtype, schema: r.schema }));
      continue;
    }
    // A column grant: on a table's column object, or (a view's column, which has none) named after its relation.
    const column = byKey.get(`${r.cat}:${r.oid}:${r.sub}`)?.id ?? `column ${r.schema}.${r.rel}.${r.col}`;
    if (Object.keys(grants).length === 0) continue; // a column ACL left holding only its owner's rights
    const o = aclObject(column, grants, {
      target: r.target,
      objtype: 'c',
      column: r.colq!,
      relation: `acl ${whole.id}`,
    });
    o.deps.push(`acl ${whole.id}`); // after the relation's REVOKE, which would take a column GRANT back
    if (!byKey.has(`${r.cat}:${r.oid}:${r.sub}`)) o.owner = whole.id;
    out.push(o);
  }
  return out;
}

function aclObject(owner: string, def: Record<string, string>, extra: Record<string, string>): SchemaObject {
  return { id: `acl ${owner}`, kind: 'acl', name: owner, def, deps: [], owner, extra };
}
