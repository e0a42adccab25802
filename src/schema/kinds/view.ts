// Views and materialized views, as pg_get_viewdef writes their query, with their options (security_invoker,
// security_barrier, check_option; a materialized view's storage options). An option-only change of a view is an
// ALTER VIEW … SET/RESET; a new query is CREATE OR REPLACE VIEW when Postgres allows it (the old output columns
// kept, same names and types, new ones only after them), else a drop and a create that takes the dependents along.
// A materialized view is re-created for any change: its rows come back from its query, so nothing is lost.
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';
import { optionChanges } from './reloptions.js';

interface Row {
  oid: number;
  reltype: number;
  rule: number | null;
  relkind: string;
  schema: string;
  name: string;
  q: string;
  definition: string;
  options: string[] | null;
  columns: string[];
}

export async function readViews({ q, managed }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select c.oid, c.reltype, r.oid as rule, c.relkind, n.nspname as schema, c.relname as name,
            format('%I.%I', n.nspname, c.relname) as q, pg_catalog.pg_get_viewdef(c.oid) as definition,
            c.reloptions as options,
            array(select a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
                    from pg_catalog.pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                   order by a.attnum) as columns
       from pg_catalog.pg_class c
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       left join pg_catalog.pg_rewrite r on r.ev_class = c.oid and r.rulename = '_RETURN'
      where c.relkind in ('v', 'm') and ${userSchema('n')} and ${notInExtension('pg_class', 'c.oid')}`,
    [managed],
  );
  return rows.rows.map((r) => ({
    id: `view ${r.schema}.${r.name}`,
    kind: 'view',
    name: `${r.schema}.${r.name}`,
    q: r.q,
    sqlRef: `${r.relkind === 'm' ? 'MATERIALIZED VIEW' : 'VIEW'} ${r.q}`,
    def: {
      materialized: r.relkind === 'm',
      definition: r.definition.trim().replace(/;$/, ''),
      options: (r.options ?? []).map(normalized).sort(),
    },
    deps: [],
    // What the view reads is recorded against its rewrite rule; its row type is what functions returning it use.
    keys: [`pg_class:${r.oid}:0`, `pg_type:${r.reltype}:0`, ...(r.rule ? [`pg_rewrite:${r.rule}:0`] : [])],
    extra: { columns: JSON.stringify(r.columns) },
  }));
}

const BOOLEAN_OPTIONS = new Set(['security_invoker', 'security_barrier']);

/**
 * `security_invoker=on` and `security_invoker=true` are stored as written but mean the same: booleans read as
 * true/false, so a state written either way compares equal (and is set the way Postgres writes it by default).
 */
function normalized(option: string): string {
  const at = option.indexOf('=');
  const [key, value] = [option.slice(0, at), option.slice(at + 1).toLowerCase()];
  if (!BOOLEAN_OPTIONS.has(key)) return option;
  // parse_bool's spellings of true: any prefix of true or yes, on, 1.
  return `${key}=${/^(t|tr|tru|true|y|ye|yes|on|1)$/.test(value) ? 'true' : 'false'}`;
}

function head(o: SchemaObject): string {
  const options = o.def.options as string[];
  return `${o.q}${options.length > 0 ? ` with (${options.join(', ')})` : ''} as\n${o.def.definition as string}`;
}

function columns(o: SchemaObject): string[] {
  return JSON.parse(o.extra!.columns as string) as string[];
}

export const viewKind: KindHandler = {
  kind: 'view',
  read: readViews,
  create: (o) => [
    o.def.materialized ? `create materialized view ${head(o)}\nwith data` : `create view ${head(o)}`,
  ],
  drop: (o) => [`drop ${o.def.materialized ? 'materialized view' : 'view'} ${o.q}`],
  alter(from, to) {
    if (from.def.materialized || to.def.materialized) return null;
    if (from.def.definition !== to.def.definition) {
      const [was, now] = [columns(from), columns(to)];
      // CREATE OR REPLACE VIEW may only add columns at the end; its WITH replaces every option.
      if (was.some((c, i) => now[i] !== c)) return null;
      return [`create or replace view ${head(to)}`];
    }
    const { reset, set } = optionChanges(from.def.options as string[], to.def.options as string[]);
    const out: string[] = [];
    if (reset.length > 0) out.push(`alter view ${to.q} reset (${reset.join(', ')})`);
    if (set.length > 0) out.push(`alter view ${to.q} set (${set.join(', ')})`);
    return out;
  },
};
