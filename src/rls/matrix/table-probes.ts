// The four operations, tried as one persona on a table holding a row of user A and a row of user B: what the
// persona reads, changes, deletes and inserts, for its own row and for the other owner's. Each try is a probe
// (probe.ts), rolled back; a reach into the other owner's row is explained by the policy that allowed it.
import type { ColumnInfo, PolicyCommand, PolicyInfo, TableInfo } from '../../catalog/types.js';
import type { Queryable } from '../../db/database.js';
import type { Persona } from '../personas.js';
import { allowingPolicies, applicable, type Clause } from './explain.js';
import { type ProbeResult, probe } from './probe.js';
import type { SeededRow } from './seeder.js';
import { quoteIdent, quoteTable } from './sql.js';

export type Operation = 'select' | 'insert' | 'update' | 'delete';

/** What a persona reached with one operation. `own` is null for anon, which owns nothing. */
export interface Reach {
  own: boolean | null;
  others: boolean;
  /** The policies that allowed the reach into the other owner's row (null: none found, or no reach). */
  policy: string | null;
  /** What happened, in words: the row reached, or why the try was refused. */
  detail: string;
}

export interface TableSetup {
  table: TableInfo;
  policies: PolicyInfo[];
  /** The row of the acting user (user A) and of the other owner (user B). */
  mine: SeededRow;
  theirs: SeededRow;
  /** Owner columns and the values that make a row user B's (for moving A's row to B). */
  theirPins: Record<string, unknown>;
}

export const COMMAND: Record<Operation, PolicyCommand> = {
  select: 'SELECT',
  insert: 'INSERT',
  update: 'UPDATE',
  delete: 'DELETE',
};

export async function probeOperation(
  tx: Queryable,
  s: TableSetup,
  persona: Persona,
  op: Operation,
): Promise<Reach> {
  const owns = persona.user;
  if (op === 'insert' || op === 'update') await knownCtids(tx, s);
  const candidates = applicable(s.policies, s.table, COMMAND[op], persona);
  const explain = (clause: Clause) => async (ctid: string | null) =>
    ctid === null ? null : allowingPolicies(tx, s.table, candidates, clause, await located(tx, s, ctid));
  const onTheirs = (run: (row: SeededRow) => Promise<string | null>, clause: Clause) =>
    probe(tx, persona, METHOD[op], {
      ...withSetup(tx, s, op, s.theirs),
      act: () => run(s.theirs),
      explain: explain(clause),
    });
  const onMine = (run: (row: SeededRow) => Promise<string | null>) =>
    probe(tx, persona, METHOD[op], { ...withSetup(tx, s, op, s.mine), act: () => run(s.mine) });
  const run = ACTIONS[op](tx, s.table, op === 'update' ? await updatableColumn(tx, s, persona.role) : '');
  const clause: Clause = op === 'insert' ? 'check' : 'using';
  let theirs = await onTheirs(run, clause);
  // A deleted row is gone when explain runs: the policies are evaluated on it again, in a probe that leaves it.
  if (op === 'delete' && reached(theirs)) theirs = await onTheirs(async (row) => row.ctid, clause);
  const mine = owns ? await onMine(run) : null;
  const reach: Reach = {
    own: mine ? reached(mine) : null,
    others: reached(theirs),
    policy: theirs.ok ? theirs.policy : null,
    detail: describe(theirs, op, 'the other owner'),
  };
  if (owns && op === 'update' && !reach.others) await tryReassign(tx, s, persona, reach);
  return reach;
}

const METHOD = { select: 'GET', insert: 'POST', update: 'PATCH', delete: 'DELETE' } as const;

/** An insert re-creates a row with its exact values: the original is removed first, as the connecting role. */
function withSetup(
  tx: Queryable,
  s: TableSetup,
  op: Operation,
  row: SeededRow,
): { setup?: () => Promise<void> } {
  if (op !== 'insert') return {};
  return {
    setup: async () => {
      await tx.query(`delete from ${quoteTable(s.table)} where ctid = $1::tid`, [row.ctid]);
    },
  };
}

type Action = (tx: Queryable, table: TableInfo, column: string) => (row: SeededRow) => Promise<string | null>;

const ACTIONS: Record<Operation, Action> = {
  select: (tx, table) => async (row) =>
    first(
      await tx.query(`select ctid::text as ctid from ${quoteTable(table)} where ctid = $1::tid`, [row.ctid]),
    ),
  update: (tx, table, column) => async (row) => {
    const c = quoteIdent(column);
    return first(
      await tx.query(
        `update ${quoteTable(table)} set ${c} = ${c} where ctid = $1::tid returning ctid::text as ctid`,
        [row.ctid],
      ),
    );
  },
  delete: (tx, table) => async (row) =>
    first(
      await tx.query(`delete from ${quoteTable(table)} where ctid = $1::tid returning ctid::text as ctid`, [
        row.ctid,
      ]),
    ),
  // Without RETURNING, as PostgREST's `Prefer: return=minimal` writes: RETURNING would also apply the SELECT
  // policies to the new row and hide an insert the INSERT policy let through.
  insert: (tx, table) => async (row) => {
    const cols = writable(table.columns).map((c) => quoteIdent(c.name));
    const list = cols.join(', ');
    const t = quoteTable(table);
    return written(
      await tx.query(
        `insert into ${t} (${list}) overriding system value select ${list} from jsonb_populate_record(null::${t}, $1::jsonb)`,
        [JSON.stringify(row.row)],
      ),
    );
  },
};

/** Moving the persona's own row to the other owner (an UPDATE of an owner column) is a write into their data. */
async function tryReassign(tx: Queryable, s: TableSetup, persona: Persona, reach: Reach): Promise<void> {
  const candidates = applicable(s.policies, s.table, 'UPDATE', persona);
  for (const [column, value] of Object.entries(s.theirPins)) {
    if (value === s.mine.row[column]) continue;
    const type = s.table.columns.find((c) => c.name === column)?.type ?? 'text';
    const result = await probe(tx, persona, 'PATCH', {
      // No WHERE: a filter that reads a column would also hold the new row to the SELECT policies, which
      // PostgREST's unfiltered PATCH does not; the UPDATE policy alone decides which rows it moves.
      act: async () =>
        written(
          await tx.query(`update ${quoteTable(s.table)} set ${quoteIdent(column)} = $1::${type}`, [value]),
        ),
      explain: async (ctid) =>
        ctid ? allowingPolicies(tx, s.table, candidates, 'check', await located(tx, s, ctid)) : null,
    });
    if (reached(result)) {
      reach.others = true;
      reach.policy = result.ok ? result.policy : null;
      reach.detail = `moved its own row to the other owner by setting ${column}`;
      // A check that reads the row again by its key (through a function) saw the old row during the update and
      // sees the moved one afterwards, so no policy holds when kodo asks: say so rather than name nothing.
      if (!reach.policy)
        reach.detail +=
          ' (no policy holds on the moved row afterwards: a check that reads the row again, e.g. through a function, passed it before the change)';
      return;
    }
  }
}

/** What a write without RETURNING reached: a row (found afterwards by `located`), or none. */
const WRITTEN = 'written';

function written(result: { affectedRows: number | undefined }): string | null {
  return result.affectedRows ? WRITTEN : null;
}

/** The table's row versions before any probe (probes roll back, so they stay the same for the whole table). */
const known = new WeakMap<TableSetup, Set<string>>();

async function knownCtids(tx: Queryable, s: TableSetup): Promise<Set<string>> {
  let ctids = known.get(s);
  if (!ctids) {
    const { rows } = await tx.query<{ ctid: string }>(
      `select ctid::text as ctid from ${quoteTable(s.table)}`,
    );
    ctids = new Set(rows.map((r) => r.ctid));
    known.set(s, ctids);
  }
  return ctids;
}

/**
 * The ctid of what a probe reached: as returned, or for a write without RETURNING the one row version that was
 * not there before (read as the connecting role, which explain runs as).
 */
async function located(tx: Queryable, s: TableSetup, ctid: string): Promise<string> {
  if (ctid !== WRITTEN) return ctid;
  const before = [...(await knownCtids(tx, s))];
  const { rows } = await tx.query<{ ctid: string }>(
    `select ctid::text as ctid from ${quoteTable(s.table)} where ctid <> all($1::tid[]) limit 1`,
    [`{${before.map((c) => `"${c}"`).join(',')}}`],
  );
  return rows[0]?.ctid ?? ctid;
}

function first(result: { rows: Array<Record<string, unknown>> }): string | null {
  return (result.rows[0]?.['ctid'] as string | undefined) ?? null;
}

function reached(r: ProbeResult<string | null>): boolean {
  return r.ok && r.value !== null;
}

function describe(r: ProbeResult<string | null>, op: Operation, whose: string): string {
  if (!r.ok) return `refused: ${r.error.sqlstate ?? ''} ${r.error.message}`.replace('  ', ' ');
  if (r.value === null)
    return op === 'select' ? `${whose}'s row is not visible` : `no row of ${whose} was changed`;
  return `${op === 'insert' ? 'inserted' : op === 'select' ? 'read' : op === 'update' ? 'updated' : 'deleted'} ${whose}'s row`;
}

/**
 * A column the role may update (column grants narrow many tables to a few columns): the no-op update of it is
 * what tells whether a row can be changed. Any column, when the role may update none (the try is then refused).
 */
const updatable = new WeakMap<TableSetup, Map<string, string>>();

async function updatableColumn(tx: Queryable, s: TableSetup, role: string): Promise<string> {
  const cached = updatable.get(s)?.get(role);
  if (cached) return cached;
  const table = s.table;
  const { rows } = await tx.query<{ name: string }>(
    `select a.attname as name from pg_attribute a
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' and a.attidentity <> 'a'
        and has_column_privilege($2, a.attrelid, a.attnum, 'UPDATE')
      order by a.attnum limit 1`,
    [quoteTable(table), role],
  );
  const column = rows[0]?.name ?? writable(table.columns)[0]!.name;
  updatable.set(s, (updatable.get(s) ?? new Map()).set(role, column));
  return column;
}

/** Columns a statement may write: generated columns never are. */
function writable(columns: ColumnInfo[]): ColumnInfo[] {
  return columns.filter((c) => !c.generated);
}
