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

const COMMAND: Record<Operation, PolicyCommand> = {
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
  const explain = (clause: Clause) => async (ctid: string | null) =>
    ctid === null
      ? null
      : allowingPolicies(tx, s.table, applicable(s.policies, s.table, COMMAND[op], persona), clause, ctid);
  const onTheirs = (run: (row: SeededRow) => Promise<string | null>, clause: Clause) =>
    probe(tx, persona, METHOD[op], {
      ...withSetup(tx, s, op, s.theirs),
      act: () => run(s.theirs),
      explain: explain(clause),
    });
  const onMine = (run: (row: SeededRow) => Promise<string | null>) =>
    probe(tx, persona, METHOD[op], { ...withSetup(tx, s, op, s.mine), act: () => run(s.mine) });
  const run = ACTIONS[op](
    tx,
    s.table,
    op === 'update' ? await updatableColumn(tx, s.table, persona.role) : '',
  );
  const clause: Clause = op === 'insert' ? 'check' : 'using';
  const theirs = await onTheirs(run, clause);
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
    return written(tx, table, () =>
      tx.query(
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
      act: () =>
        written(tx, s.table, () =>
          // No WHERE: a filter that reads a column would also hold the new row to the SELECT policies, which
          // PostgREST's unfiltered PATCH does not; the UPDATE policy alone decides which rows it moves.
          tx.query(`update ${quoteTable(s.table)} set ${quoteIdent(column)} = $1::${type}`, [value]),
        ),
      explain: async (ctid) => (ctid ? allowingPolicies(tx, s.table, candidates, 'check', ctid) : null),
    });
    if (reached(result)) {
      reach.others = true;
      reach.policy = result.ok ? result.policy : null;
      reach.detail = `moved its own row to the other owner by setting ${column}`;
      return;
    }
  }
}

/**
 * Runs a write that has no RETURNING and, when it wrote a row, finds that row's new version as the connecting
 * role (the persona may not be allowed to read it): the one row whose ctid was not there before.
 */
async function written(
  tx: Queryable,
  table: TableInfo,
  write: () => Promise<{ affectedRows: number | undefined }>,
): Promise<string | null> {
  const all = async () =>
    (await tx.query<{ ctid: string }>(`select ctid::text as ctid from ${quoteTable(table)}`)).rows.map(
      (r) => r.ctid,
    );
  const role = await tx.query<{ role: string }>(`select current_setting('role') as role`);
  await tx.query(`select set_config('role', 'none', true)`);
  const before = new Set(await all());
  await tx.query(`select set_config('role', $1, true)`, [role.rows[0]!.role]);
  const { affectedRows } = await write();
  if (!affectedRows) return null;
  await tx.query(`select set_config('role', 'none', true)`);
  const fresh = (await all()).find((c) => !before.has(c)) ?? null;
  await tx.query(`select set_config('role', $1, true)`, [role.rows[0]!.role]);
  return fresh;
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
async function updatableColumn(tx: Queryable, table: TableInfo, role: string): Promise<string> {
  const { rows } = await tx.query<{ name: string }>(
    `select a.attname as name from pg_attribute a
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' and a.attidentity <> 'a'
        and has_column_privilege($2, a.attrelid, a.attnum, 'UPDATE')
      order by a.attnum limit 1`,
    [quoteTable(table), role],
  );
  return rows[0]?.name ?? writable(table.columns)[0]!.name;
}

/** Columns a statement may write: generated columns never are. */
function writable(columns: ColumnInfo[]): ColumnInfo[] {
  return columns.filter((c) => !c.generated);
}
