// Row fingerprints: how many rows each table holds and a hash of their values, so that two databases built in
// different ways (the original migrations, the squashed file) can be shown to hold the same data.
import type { Database } from '../db/database.js';
import { notInExtension, PLATFORM_ONLY, userSchema } from '../schema/scope.js';

export interface TableFingerprint {
  /** `public.plans`, or `sequence public.plans_id_seq` for a sequence. */
  table: string;
  rows: number;
  /** md5 of the sorted md5s of the rows (order-independent); for a sequence, `<last_value> <is_called>`. */
  hash: string;
  /** Columns left out because their value differs on every run (volatile defaults and what references them). */
  skipped: string[];
}

/** Platform tables that migrations write, with the columns a migration sets (not timestamps or owners). */
const PLATFORM_TABLES: Record<string, string[]> = {
  'storage.buckets': ['id', 'name', 'public', 'file_size_limit', 'allowed_mime_types'],
  'cron.job': ['jobname', 'schedule', 'command', 'active'],
  'vault.secrets': ['name', 'description'],
};

interface Column {
  rel: string;
  name: string;
  num: number;
  volatile: boolean;
}

/**
 * Tables of the user's schemas, and partitioned tables as one: a partitioned table's rows are read through it,
 * and its partitions are left out (the schema decides which partition holds a row, so the parent's rows say it
 * all, and counting both would count every row twice). `rel` is the name as `regclass` prints it qualified.
 */
const USER_TABLES = `
  select pg_catalog.format('%I.%I', n.nspname, c.relname) as rel, c.relkind::text as kind
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p') and not c.relispartition and ${userSchema('n')}
     and ${notInExtension('pg_class', 'c.oid')}
   order by 1`;

const NAMED_TABLES = `
  select pg_catalog.format('%I.%I', n.nspname, c.relname) as rel, c.relkind::text as kind
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where c.oid = any (select pg_catalog.to_regclass(x) from pg_catalog.unnest($1::text[]) x)
     and c.relkind in ('r', 'p')`;

/**
 * Time functions are STABLE, not VOLATILE, yet differ between runs; nextval is VOLATILE yet replays the same
 * numbers when the same statements run in the same order (and foreign keys point at them), so it is kept.
 */
const COLUMNS = `
  select pg_catalog.format('%I.%I', n.nspname, c.relname) as rel, a.attname as name, a.attnum as num,
         coalesce(d.expr ~* '\\m(now|current_timestamp|current_date|current_time|localtime|localtimestamp|transaction_timestamp|statement_timestamp)\\M'
           or exists (select 1 from pg_catalog.regexp_matches(d.expr, '([A-Za-z_][A-Za-z0-9_$]*)\\s*\\(', 'g') m
                        join pg_catalog.pg_proc p on p.proname = pg_catalog.lower(m[1])
                       where p.provolatile = 'v' and p.proname <> 'nextval'), false) as volatile
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    left join lateral (select pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) as expr from pg_catalog.pg_attrdef ad
                        where ad.adrelid = a.attrelid and ad.adnum = a.attnum and a.attgenerated = '') d on true
   where c.oid = any (select pg_catalog.to_regclass(x) from pg_catalog.unnest($1::text[]) x)
     and a.attnum > 0 and not a.attisdropped
   order by 1, a.attnum`;

/** Foreign keys between the tables: a column that references a skipped one differs on every run too. */
const REFERENCES = `
  select pg_catalog.format('%I.%I', n.nspname, c.relname) as rel, k.attnum as num,
         pg_catalog.format('%I.%I', fn.nspname, fc.relname) as frel, fk.attnum as fnum
    from pg_catalog.pg_constraint x
    join pg_catalog.pg_class c on c.oid = x.conrelid join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_class fc on fc.oid = x.confrelid join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace
    cross join lateral rows from (pg_catalog.unnest(x.conkey), pg_catalog.unnest(x.confkey)) as u(col, fcol)
    join pg_catalog.pg_attribute k on k.attrelid = x.conrelid and k.attnum = u.col
    join pg_catalog.pg_attribute fk on fk.attrelid = x.confrelid and fk.attnum = u.fcol
   where x.contype = 'f'`;

// An identity column's sequence is the column's, not an object of its own: its name is whatever the table was
// called when the column was made (a table renamed later keeps `a_id_seq`), and a dump re-creates it under the
// new table's name. So it is known by its column, and set through pg_get_serial_sequence.
const SEQUENCES = `
  select pg_catalog.format('%I.%I', n.nspname, c.relname) as rel,
         case when t.oid is not null then pg_catalog.format('%I.%I', tn.nspname, t.relname) end as tbl,
         a.attname::text as col
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    left join pg_catalog.pg_depend d
      on d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'i'
     and d.refclassid = 'pg_catalog.pg_class'::regclass
    left join pg_catalog.pg_class t on t.oid = d.refobjid
    left join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
    left join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
   where c.relkind = 'S' and ${userSchema('n')} and ${notInExtension('pg_class', 'c.oid')}
   order by 1`;

/** Fingerprints of every user table, the platform tables migrations write, `extra` tables and user sequences. */
export async function rowFingerprints(
  db: Database,
  extra: string[] = [],
): Promise<Map<string, TableFingerprint>> {
  const user = await db.query<{ rel: string; kind: string }>(USER_TABLES, [PLATFORM_ONLY]);
  const named = await db.query<{ rel: string; kind: string }>(NAMED_TABLES, [
    [...Object.keys(PLATFORM_TABLES), ...extra],
  ]);
  const tables = new Map([...user.rows, ...named.rows].map((t) => [t.rel, t.kind]));
  const columns = await columnsOf(db, [...tables.keys()]);
  const out = new Map<string, TableFingerprint>();
  for (const [rel, kind] of [...tables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const all = columns.get(rel) ?? [];
    const wanted = PLATFORM_TABLES[rel];
    const chosen = wanted && !extra.includes(rel) ? all.filter((c) => wanted.includes(c.name)) : all;
    const kept = chosen.filter((c) => !c.volatile).map((c) => columnRef(c.name));
    out.set(rel, {
      table: rel,
      ...(await hashRows(db, rel, kind, kept)),
      skipped: chosen.filter((c) => c.volatile).map((c) => c.name),
    });
  }
  for (const s of await userSequences(db)) {
    const key = `sequence ${s.label}`;
    out.set(key, { table: key, rows: 1, hash: `${s.lastValue} ${s.called}`, skipped: [] });
  }
  return out;
}

export interface SequencePosition {
  /** `public.plans_id_seq`, quoted where needed. */
  rel: string;
  /** How it is named: `public.plans_id_seq`, or `of public.plans.id` for an identity column's sequence. */
  label: string;
  /** The SQL that names it for setval: a literal, or pg_get_serial_sequence(…) for an identity column's. */
  ref: string;
  lastValue: string;
  /** False until the sequence hands out its first value (or a setval says so). */
  called: boolean;
}

/** Where every sequence of the user's schemas stands (identity and serial sequences included), by name. */
export async function userSequences(db: Database): Promise<SequencePosition[]> {
  const out: SequencePosition[] = [];
  const found = await db.query<{ rel: string; tbl: string | null; col: string | null }>(SEQUENCES, [
    PLATFORM_ONLY,
  ]);
  for (const { rel, tbl, col } of found.rows) {
    const r = await db.query<{ last_value: string; is_called: boolean }>(
      `select last_value::text, is_called from ${rel}`,
    );
    const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
    out.push({
      rel,
      label: tbl && col ? `of ${tbl}.${col}` : rel,
      ref: tbl && col ? `pg_catalog.pg_get_serial_sequence(${quote(tbl)}, ${quote(col)})` : quote(rel),
      lastValue: r.rows[0]?.last_value ?? '',
      called: r.rows[0]?.is_called === true,
    });
  }
  return out;
}

/** Columns by table, `volatile` set on volatile defaults and, transitively, on the columns referencing them. */
async function columnsOf(db: Database, tables: string[]): Promise<Map<string, Column[]>> {
  const rows = (await db.query<Column>(COLUMNS, [tables])).rows;
  const byKey = new Map(rows.map((c) => [`${c.rel}#${c.num}`, c]));
  const refs = (await db.query<{ rel: string; num: number; frel: string; fnum: number }>(REFERENCES)).rows;
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of refs) {
      const column = byKey.get(`${r.rel}#${r.num}`);
      if (column && !column.volatile && byKey.get(`${r.frel}#${r.fnum}`)?.volatile) {
        column.volatile = true;
        changed = true;
      }
    }
  }
  const out = new Map<string, Column[]>();
  for (const c of rows) out.set(c.rel, [...(out.get(c.rel) ?? []), c]);
  return out;
}

async function hashRows(
  db: Database,
  rel: string,
  kind: string,
  columns: string[],
): Promise<{ rows: number; hash: string }> {
  // ONLY for a plain table: rows of tables that inherit from it are fingerprinted as their own tables. (A
  // partitioned table has no rows of its own, so it is read whole.)
  const from = kind === 'p' ? rel : `only ${rel}`;
  const value = columns.length > 0 ? `pg_catalog.md5(row(${columns.join(', ')})::text)` : `''`;
  const r = await db.query<{ rows: number; hash: string }>(
    `select count(*)::int as rows, pg_catalog.md5(coalesce(pg_catalog.string_agg(h, ',' order by h collate "C"), '')) as hash
       from (select ${value} as h from ${from} t) x`,
  );
  return { rows: r.rows[0]?.rows ?? 0, hash: r.rows[0]?.hash ?? '' };
}

/** A column of the table aliased `t`, quoted. */
function columnRef(name: string): string {
  return `t."${name.replace(/"/g, '""')}"`;
}

/** One sentence per table or sequence that differs between `a` and `b` (empty when they hold the same data). */
export function compareFingerprints(
  a: Map<string, TableFingerprint>,
  b: Map<string, TableFingerprint>,
): string[] {
  const out: string[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(key);
    const y = b.get(key);
    if (!x || !y) out.push(`${key}: only in the ${x ? 'first' : 'second'} database`);
    else if (key.startsWith('sequence ') && x.hash !== y.hash) out.push(`${key}: at ${seq(x)} vs ${seq(y)}`);
    else if (x.rows !== y.rows) out.push(`${key}: ${x.rows} rows vs ${y.rows} rows`);
    else if (x.hash !== y.hash) out.push(`${key}: same ${x.rows} rows count, different values`);
  }
  return out;
}

/** `5 (called)` or `1 (not called yet)`: where a sequence stands. */
function seq(f: TableFingerprint): string {
  const [value, called] = f.hash.split(' ');
  return `${value} (${called === 'true' ? 'called' : 'not called yet'})`;
}
