// select: the rows of a table (or of one bucket) a persona sees through the API: how many in all, and which of
// the fixture rows (by tableoid and ctid).
import type { Queryable } from '../../../db/database.js';
import { asPersona } from '../../identity.js';
import type { Case, Expectation, RowsCase } from '../model.js';
import { arrayLiteral, quoteTable } from '../values.js';
import { PIN_COLUMNS, type Pin, samePin, type World } from '../world.js';
import { caseOf } from './outcome.js';
import { judgeRows, notReached, type Reach } from './rows.js';

export async function selectCase(tx: Queryable, world: World, e: Expectation, c: RowsCase): Promise<Case> {
  const fixtures = world.rowsOf(e.target);
  const inBucket = e.target.bucket === undefined ? 'true' : 'bucket_id = $1';
  const bucket = e.target.bucket === undefined ? [] : [e.target.bucket];
  const from = `from ${quoteTable(e.target.table)} where ${inBucket}`;
  const outcome = await asPersona(tx, world.persona(c.persona), 'GET', async (q) => {
    const total = await q.query<{ n: number }>(`select count(*)::int as n ${from}`, bucket);
    // A view or a table without fixtures has no rows to name (and a view no ctid to ask for).
    if (fixtures.length === 0) return { total: total.rows[0]!.n, seen: [] };
    const seen = await q.query<Pin>(
      `select ${PIN_COLUMNS} ${from} and ctid = any($${bucket.length + 1}::tid[])`,
      [...bucket, arrayLiteral(fixtures.map((f) => f.pin.ctid))],
    );
    return { total: total.rows[0]!.n, seen: seen.rows };
  });
  const reach: Reach = outcome.ok
    ? {
        ok: true,
        names: fixtures
          .filter((f) => outcome.value.seen.some((p) => samePin(p, f.pin)))
          .map((f) => f.fixture.name),
        total: outcome.value.total,
      }
    : notReached(outcome.error, 'the select');
  return caseOf(
    world.spec.file,
    e.target,
    c.persona,
    'select',
    judgeRows(c.expected, reach, c.persona, 'sees'),
  );
}
