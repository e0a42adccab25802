// Functions and procedures (window functions too), as pg_get_functiondef writes them: the body exactly as stored,
// so two equal bodies compare equal and nothing is re-created for nothing. A change Postgres accepts in CREATE OR
// REPLACE (body, language, volatility, security, SET, cost, added defaults) is made in place; a new return type
// or routine kind, or a removed default, is a drop and a create that takes the dependents along.
// Aggregates have no deparser in Postgres: they are named in the snapshot's unmodeled list instead.
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';

interface Row {
  oid: number;
  kind: string;
  schema: string;
  name: string;
  args: string;
  q: string;
  result: string | null;
  defaults: number;
  definition: string | null;
}

export async function readFunctions({ q, managed }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select p.oid, p.prokind as kind, n.nspname as schema, p.proname as name,
            pg_catalog.oidvectortypes(p.proargtypes) as args,
            format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)) as q,
            pg_catalog.pg_get_function_result(p.oid) as result, p.pronargdefaults as defaults,
            case when p.prokind <> 'a' then pg_catalog.pg_get_functiondef(p.oid) end as definition
       from pg_catalog.pg_proc p
       join pg_catalog.pg_namespace n on n.oid = p.pronamespace
      where ${userSchema('n')} and ${notInExtension('pg_proc', 'p.oid')}
        -- A range type's constructors belong to the type (dependency 'i'): they come and go with it.
        and not exists (select 1 from pg_catalog.pg_depend i
                         where i.classid = 'pg_proc'::regclass and i.objid = p.oid and i.deptype = 'i')`,
    [managed],
  );
  return rows.rows.map((r) => {
    // Postgres tells functions apart by name and input types: a renamed parameter is the same function (its
    // change is a drop and a create that takes dependents along, as CREATE OR REPLACE cannot rename it).
    const identity = `${r.schema}.${r.name}(${r.args})`;
    const base = {
      id: `function ${identity}`,
      kind: 'function' as const,
      deps: [],
      keys: [`pg_proc:${r.oid}:0`],
    };
    if (r.definition === null) return { ...base, name: `aggregate ${identity}`, def: { unmodeled: true } };
    return {
      ...base,
      name: identity,
      q: r.q,
      sqlRef: `${r.kind === 'p' ? 'PROCEDURE' : 'FUNCTION'} ${r.q}`,
      def: split(r.definition),
      extra: { kind: r.kind, args: r.args, result: r.result ?? '', defaults: r.defaults },
    };
  });
}

/**
 * pg_get_functiondef's text in three parts, so a difference names what changed: the signature line, the attribute
 * lines (RETURNS, LANGUAGE, volatility, SET …: each indented by one space, kept without it), and the body (`AS …`, `RETURN …`,
 * `BEGIN ATOMIC …`, the first line that is not indented).
 */
function split(definition: string): Record<string, string> {
  const lines = definition.replace(/\n$/, '').split('\n');
  let body = lines.findIndex((l, i) => i > 0 && !l.startsWith(' '));
  if (body < 0) body = lines.length;
  return {
    signature: lines[0]!,
    attributes: lines
      .slice(1, body)
      .map((l) => l.slice(1))
      .join('\n'),
    body: lines.slice(body).join('\n'),
  };
}

function createOrReplace(o: SchemaObject): string {
  const d = o.def as Record<string, string>;
  const attributes = d.attributes === '' ? [] : d.attributes!.split('\n').map((l) => ` ${l}`);
  return [d.signature!, ...attributes, d.body!].join('\n');
}

export const functionKind: KindHandler = {
  kind: 'function',
  read: readFunctions,
  create: (o) => [createOrReplace(o)],
  drop: (o) => [`drop ${o.extra!.kind === 'p' ? 'procedure' : 'function'} ${o.q}`],
  alter(from, to) {
    const [a, b] = [from.extra!, to.extra!];
    // What CREATE OR REPLACE refuses: "cannot change routine kind", "cannot change return type of existing
    // function" (OUT parameters included), "cannot change name of input parameter" (the names are in the id
    // today, but the rule is Postgres's, not the id's), "cannot remove parameter defaults from existing function".
    const same = a.kind === b.kind && a.args === b.args && a.result === b.result;
    if (!same || (b.defaults as number) < (a.defaults as number)) return null;
    return [createOrReplace(to)];
  },
};
