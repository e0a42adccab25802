// The rows of some tables as they are now, as SQL that puts them into the same tables of another database with
// the same schema, and the user's sequences where they stand: a squash's way to carry data that no statement
// of the originals could be replayed for.
import type { Database } from '../db/database.js';
import { userSequences } from './fingerprint.js';

/** Rows per INSERT: large enough to be quick, small enough to keep each statement readable and parseable. */
const BATCH = 500;

interface TableInfo {
  oid: number;
  rel: string;
  kind: string;
}

const TABLES = `
  select distinct on (c.oid) x as given, c.oid::int as oid, pg_catalog.format('%I.%I', n.nspname, c.relname) as rel,
         c.relkind::text as kind
    from pg_catalog.unnest($1::text[]) x
    join pg_catalog.pg_class c on c.oid = pg_catalog.to_regclass(x) and c.relkind in ('r', 'p')
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace`;

/** Foreign keys between two different tables of the list: the referenced table's rows go first. */
const PARENTS = `
  select conrelid::int as child, confrelid::int as parent from pg_catalog.pg_constraint
   where contype = 'f' and conrelid <> confrelid and conrelid = any ($1::oid[]) and confrelid = any ($1::oid[])`;

/** Columns an INSERT can write: generated columns are computed again by the target database. */
const COLUMNS = `
  select pg_catalog.quote_ident(attname) as name, attidentity = 'a' as always
    from pg_catalog.pg_attribute
   where attrelid = $1::oid and attnum > 0 and not attisdropped and attgenerated = ''
   order by attnum`;

/**
 * `tables` (qualified names) as INSERT statements, parents before children, then a setval for every user
 * sequence that has been used. Empty tables produce nothing; the output is the same for the same data.
 */
export async function rowsAsSql(db: Database, tables: string[]): Promise<string> {
  const found = (await db.query<TableInfo & { given: string }>(TABLES, [tables])).rows;
  const missing = tables.filter((t) => !found.some((f) => f.given === t));
  if (missing.length > 0) throw new Error(`rowsAsSql: no table ${missing.join(', ')}`);
  const inserts: string[] = [];
  for (const table of await parentsFirst(db, found)) inserts.push(...(await insertsFor(db, table)));
  const parts: string[] = [];
  if (inserts.length > 0) {
    // The rows are the tables' final rows: triggers that fire on insert (audit rows, counters, timestamps,
    // foreign-key checks) already did their work where the rows were made, and must not do it again here.
    // `replica` keeps user triggers from firing, as `supabase db dump --data-only` output does.
    parts.push(
      'SET session_replication_role = replica;',
      ...inserts,
      'SET session_replication_role = DEFAULT;',
    );
  }
  parts.push(...(await sequencePositions(db)));
  return parts.length > 0 ? `${parts.join('\n\n')}\n` : '';
}

/** Tables ordered so that each comes after the tables it references, by name among those free to go. */
async function parentsFirst(db: Database, tables: TableInfo[]): Promise<TableInfo[]> {
  const edges = (await db.query<{ child: number; parent: number }>(PARENTS, [tables.map((t) => t.oid)])).rows;
  const left = [...tables].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const out: TableInfo[] = [];
  while (left.length > 0) {
    const waiting = (t: TableInfo) =>
      edges.some((e) => e.child === t.oid && left.some((l) => l.oid === e.parent));
    // In a cycle no table is free: the first by name goes (replica mode skips the foreign-key checks anyway).
    const at = Math.max(
      0,
      left.findIndex((t) => !waiting(t)),
    );
    out.push(...left.splice(at, 1));
  }
  return out;
}

async function insertsFor(db: Database, table: TableInfo): Promise<string[]> {
  const columns = (await db.query<{ name: string; always: boolean }>(COLUMNS, [table.oid])).rows;
  // ONLY for a plain table: rows of tables inheriting from it belong to those tables. A partitioned table is
  // read whole and its rows inserted through it, which routes each to its partition.
  const from = table.kind === 'p' ? table.rel : `only ${table.rel}`;
  if (columns.length === 0) {
    const count = await db.query<{ n: number }>(`select count(*)::int as n from ${from}`);
    return Array.from({ length: count.rows[0]?.n ?? 0 }, () => `INSERT INTO ${table.rel} DEFAULT VALUES;`);
  }
  const values = columns.map((c) => `pg_catalog.quote_nullable(t.${c.name}::text)`).join(` || ', ' || `);
  const rows = (
    await db.query<{ v: string }>(
      `select v from (select '(' || ${values} || ')' as v from ${from} t) x order by v collate "C"`,
    )
  ).rows;
  const head = `INSERT INTO ${table.rel} (${columns.map((c) => c.name).join(', ')})${
    columns.some((c) => c.always) ? ' OVERRIDING SYSTEM VALUE' : ''
  } VALUES`;
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += BATCH)
    out.push(
      `${head}\n  ${rows
        .slice(i, i + BATCH)
        .map((r) => r.v)
        .join(',\n  ')};`,
    );
  return out;
}

/** `SELECT pg_catalog.setval(…)` for each user sequence that has handed out a value. */
async function sequencePositions(db: Database): Promise<string[]> {
  const out: string[] = [];
  for (const s of await userSequences(db))
    if (s.called) out.push(`SELECT pg_catalog.setval(${s.ref}, ${s.lastValue}, true);`);
  return out;
}
