// Sequences the user created (serial columns' included), with their options from pg_sequence; the current value is
// data and never compared. An identity column's sequence is the column's (its identity is modelled there): it has an
// internal ('i') dependency on the column and is left out. Who owns a sequence is a sequence-owner object.
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';

interface Row {
  oid: number;
  schema: string;
  name: string;
  q: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

export async function readSequences({ q, managed }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select c.oid, n.nspname as schema, c.relname as name, format('%I.%I', n.nspname, c.relname) as q,
            pg_catalog.format_type(s.seqtypid, null) as type, s.seqstart::text as start,
            s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
            s.seqcache::text as cache, s.seqcycle as cycle
       from pg_catalog.pg_sequence s
       join pg_catalog.pg_class c on c.oid = s.seqrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where ${userSchema('n')} and ${notInExtension('pg_class', 'c.oid')}
        and not exists (select 1 from pg_catalog.pg_depend i
                         where i.classid = 'pg_class'::regclass and i.objid = c.oid and i.deptype = 'i')`,
    [managed],
  );
  return rows.rows.map((r) => ({
    id: `sequence ${r.schema}.${r.name}`,
    kind: 'sequence',
    name: `${r.schema}.${r.name}`,
    q: r.q,
    sqlRef: `SEQUENCE ${r.q}`,
    def: {
      type: r.type,
      start: r.start,
      increment: r.increment,
      min: r.min,
      max: r.max,
      cache: r.cache,
      cycle: r.cycle,
    },
    deps: [],
    keys: [`pg_class:${r.oid}:0`],
  }));
}

const TYPE_RANGE: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** The values CREATE SEQUENCE picks when a clause is left out, so the statement names only what was chosen. */
function defaults(d: Record<string, unknown>): Record<string, string | boolean> {
  const [low, high] = TYPE_RANGE[d.type as string] ?? TYPE_RANGE.bigint!;
  const up = BigInt(d.increment as string) > 0n;
  const min = up ? '1' : String(low);
  const max = up ? String(high) : '-1';
  return {
    increment: '1',
    min,
    max,
    start: up ? (d.min as string) : (d.max as string),
    cache: '1',
    cycle: false,
  };
}

/** `as …`, `increment by …`, … for the options that differ from `before` (or, for a create, from the defaults). */
function clauses(d: Record<string, unknown>, before: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (d.type !== before.type) out.push(`as ${d.type as string}`);
  if (d.increment !== before.increment) out.push(`increment by ${d.increment as string}`);
  if (d.min !== before.min) out.push(`minvalue ${d.min as string}`);
  if (d.max !== before.max) out.push(`maxvalue ${d.max as string}`);
  if (d.start !== before.start) out.push(`start with ${d.start as string}`);
  if (d.cache !== before.cache) out.push(`cache ${d.cache as string}`);
  if (d.cycle !== before.cycle) out.push(d.cycle ? 'cycle' : 'no cycle');
  return out;
}

export const sequenceKind: KindHandler = {
  kind: 'sequence',
  read: readSequences,
  create(o) {
    // `as` is always written: a sequence's type defaults to bigint, a serial column's is integer.
    const opts = clauses(o.def, { ...defaults(o.def), type: undefined });
    return [[`create sequence ${o.q}`, ...opts].join(' ')];
  },
  // Dropping the column or table that owns a sequence has already dropped it (an 'a' dependency): `if exists`.
  drop: (o) => [`drop sequence if exists ${o.q}`],
  alter(from, to) {
    const opts = clauses(to.def, from.def);
    return opts.length > 0 ? [[`alter sequence ${to.q}`, ...opts].join(' ')] : [];
  },
  loses: (from, to) => (to ? undefined : `drops sequence ${from.name} and its current value`),
};
