// update and delete of fixture rows, one row at a time in its own savepoint, by its pin: a no-op update (the first
// column a client could set, set to itself) or the spec's `set`, `returning 1` as PostgREST's PATCH/DELETE read
// the rows they change. A row is changed when the statement returns it; a WITH CHECK failure is a refusal.
import type { Queryable } from '../../../db/database.js';
import { asPersona, type Outcome } from '../../identity.js';
import type { Case, Expectation, RowCase, RowsCase } from '../model.js';
import { resolveRefs } from '../refs.js';
import type { Values } from '../schema.js';
import { quoteTable, setClause } from '../values.js';
import type { FixtureRow, World } from '../world.js';
import { caseOf, deniedText, errorText, failedText, isRefusal, notAccess } from './outcome.js';
import { judgeRows, type Reach } from './rows.js';

type Change = 'update' | 'delete';

const VERB: Record<Change, string> = { update: 'can change', delete: 'can delete' };

/** Which fixture rows of the target the persona may change (or delete), against the expected rows. */
export async function changeRowsCase(
  tx: Queryable,
  world: World,
  e: Expectation,
  op: Change,
  c: RowsCase,
): Promise<Case> {
  const names: string[] = [];
  const refused: string[] = [];
  let reach: Reach | undefined;
  for (const row of world.rowsOf(e.target)) {
    const outcome = await changeRow(tx, world, e, op, c.persona, row, undefined);
    if (outcome.ok && outcome.value) names.push(row.fixture.name);
    else if (!outcome.ok && isRefusal(outcome.error))
      refused.push(`${row.fixture.name} (${errorText(outcome.error)})`);
    else if (!outcome.ok) {
      reach = { ok: false, error: outcome.error, what: `the ${op} of ${row.fixture.name}` };
      break;
    }
  }
  reach ??= { ok: true, names, total: names.length, refused };
  return caseOf(world.spec.file, e.target, c.persona, op, judgeRows(c.expected, reach, c.persona, VERB[op]));
}

/** One fixture row changed (or deleted) by one persona: allowed or not. */
export async function changeOneCase(
  tx: Queryable,
  world: World,
  e: Expectation,
  op: Change,
  c: RowCase,
): Promise<Case> {
  const row = world.rows.get(c.row)!;
  const set = c.set && (resolveRefs(c.set, [...c.at, 'set'], world.lookup) as Values);
  const outcome = await changeRow(tx, world, e, op, c.persona, row, set);
  const what = `${c.persona}'s ${op} of ${c.row}`;
  let verdict: { actual: string; pass: boolean; detail: string };
  if (outcome.ok && outcome.value)
    verdict = { actual: 'allowed', pass: c.allow, detail: `${what} was allowed` };
  else if (outcome.ok) {
    verdict = {
      actual: 'denied (no row changed)',
      pass: !c.allow,
      detail: `${what} changed no row: its policies hide the row from ${c.persona}`,
    };
  } else if (isRefusal(outcome.error)) {
    verdict = {
      actual: deniedText(outcome.error),
      pass: !c.allow,
      detail: `${what} was refused: ${errorText(outcome.error)}`,
    };
  } else verdict = { actual: failedText(outcome.error), pass: false, detail: notAccess(what, outcome.error) };
  return caseOf(world.spec.file, e.target, c.persona, op, {
    expected: c.allow ? 'allowed' : 'denied',
    ...verdict,
  });
}

/** True when the row was changed (or deleted); the savepoint is rolled back either way. */
async function changeRow(
  tx: Queryable,
  world: World,
  e: Expectation,
  op: Change,
  persona: string,
  row: FixtureRow,
  set: Values | undefined,
): Promise<Outcome<boolean>> {
  const table = world.table(e.target);
  const where = 'where ctid = $1::tid and tableoid = $2::oid returning 1';
  let sql = `delete from ${quoteTable(table)} ${where}`;
  let params: unknown[] = [row.pin.ctid, row.pin.tableoid];
  if (op === 'update') {
    const clause = setClause(table, set);
    if (!clause) {
      const message = `${e.target.label} has no column an update could set`;
      return {
        ok: false,
        error: { message, sqlstate: undefined, detail: undefined, hint: undefined, position: undefined },
      };
    }
    sql = `update ${quoteTable(table)} set ${clause.sql} ${where}`;
    params = [...params, ...clause.params];
  }
  const method = op === 'update' ? 'PATCH' : 'DELETE';
  const outcome = await asPersona(tx, world.persona(persona), method, async (q) => {
    // storage-api's own switch: without it the storage schema's trigger refuses every direct delete of an object.
    if (op === 'delete' && e.target.bucket !== undefined) {
      await q.query(`select set_config('storage.allow_delete_query', 'true', true)`);
    }
    return q.query(sql, params);
  });
  return outcome.ok ? { ok: true, value: outcome.value.rows.length > 0 } : outcome;
}
