// Domains: base type, collation, default, NOT NULL and named CHECK constraints (pg_get_constraintdef, with NOT
// VALID). Everything but the base type and collation changes in place with ALTER DOMAIN. The domain stands for its
// constraints' catalog rows too, so a function a check calls is created before the domain.
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';
import { readUserTypes, type TypeRow, typeObject } from './user-type.js';

interface Check {
  name: string;
  q: string;
  definition: string;
}

interface Row extends TypeRow {
  base: string;
  notnull: boolean;
  default: string | null;
  collation: string | null;
  checks: Check[];
  constraints: string[];
}

async function readDomains(ctx: ReadContext): Promise<SchemaObject[]> {
  const rows = await readUserTypes<Row>(
    ctx,
    'd',
    `pg_catalog.format_type(t.typbasetype, t.typtypmod) as base, t.typnotnull as notnull,
     pg_catalog.pg_get_expr(t.typdefaultbin, 0) as default,
     case when t.typcollation <> bt.typcollation then format('%I.%I', cn.nspname, co.collname) end as collation,
     coalesce((select json_agg(json_build_object('name', k.conname, 'q', quote_ident(k.conname),
                                                 'definition', pg_catalog.pg_get_constraintdef(k.oid))
                               order by k.conname)
                 from pg_catalog.pg_constraint k where k.contypid = t.oid and k.contype = 'c'), '[]') as checks,
     array(select k.oid::text from pg_catalog.pg_constraint k where k.contypid = t.oid) as constraints`,
    `join pg_catalog.pg_type bt on bt.oid = t.typbasetype
     left join pg_catalog.pg_collation co on co.oid = t.typcollation
     left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace`,
  );
  return rows.map((r) => {
    const o = typeObject(
      'domain',
      r,
      {
        base: r.base,
        collation: r.collation,
        default: r.default,
        notNull: r.notnull,
        checks: Object.fromEntries(r.checks.map((c) => [c.name, c.definition])),
      },
      r.constraints.map((oid) => `pg_constraint:${oid}:0`),
    );
    o.extra = Object.fromEntries(r.checks.map((c) => [`check ${c.name}`, c.q]));
    return o;
  });
}

function checksOf(o: SchemaObject): Record<string, string> {
  return o.def.checks as Record<string, string>;
}

function addCheck(o: SchemaObject, name: string): string {
  return `alter domain ${o.q} add constraint ${o.extra![`check ${name}`]} ${checksOf(o)[name]}`;
}

function checkChanges(from: SchemaObject, to: SchemaObject): string[] {
  const [a, b] = [checksOf(from), checksOf(to)];
  const drops: string[] = [];
  const adds: string[] = [];
  const valid = (s: string) => s.replace(/ NOT VALID$/, '');
  for (const [name, def] of Object.entries(a)) {
    const now = b[name];
    if (now === def) continue;
    if (now !== undefined && valid(def) === now && def !== now) {
      adds.push(`alter domain ${to.q} validate constraint ${to.extra![`check ${name}`]}`);
      continue;
    }
    drops.push(`alter domain ${from.q} drop constraint ${from.extra![`check ${name}`]}`);
    if (now !== undefined) adds.push(addCheck(to, name));
  }
  for (const name of Object.keys(b)) if (!(name in a)) adds.push(addCheck(to, name));
  return [...drops, ...adds];
}

export const domainKind: KindHandler = {
  kind: 'domain',
  read: readDomains,
  create(o) {
    const d = o.def;
    const parts = [`create domain ${o.q} as ${d.base as string}`];
    if (d.collation) parts.push(`collate ${d.collation as string}`);
    if (d.default !== null) parts.push(`default ${d.default as string}`);
    if (d.notNull) parts.push('not null');
    // Checks one by one: CREATE DOMAIN cannot say NOT VALID.
    return [parts.join(' '), ...Object.keys(checksOf(o)).map((name) => addCheck(o, name))];
  },
  drop: (o) => [`drop domain ${o.q}`],
  alter(from, to) {
    const [a, b] = [from.def, to.def];
    if (a.base !== b.base || a.collation !== b.collation) return null;
    const out: string[] = [];
    if (a.default !== b.default) {
      out.push(
        b.default === null
          ? `alter domain ${to.q} drop default`
          : `alter domain ${to.q} set default ${b.default as string}`,
      );
    }
    if (a.notNull !== b.notNull) out.push(`alter domain ${to.q} ${b.notNull ? 'set' : 'drop'} not null`);
    return [...out, ...checkChanges(from, to)];
  },
};
