// select: the rows of a table (or of one bucket) a persona sees through the API: how many in all, and which of
// the fixture rows (by ctid).
import type { Queryable } from '../../../db/database.js';
import { asPersona } from '../../identity.js';
import type { Case, Expectation, RowsCase } from '../model.js';
import { quoteTable } from '../values.js';
import type { World } from '../world.js';
import { caseOf } from './outcome.js';
import { judgeRows, notReached, type Reach } from './rows.js';

export async function selectCase(tx: Queryable, world: World, e: Expectation, c: RowsCase): Promise<Case> {
  const fixtures = world.rowsOf(e.target);
  const inBucket = e.target.bucket === undefined ? 'true' : 'bucket_id = $1';
  const bucket = e.target.bucket === undefined ? [] : [e.target.bucket];
  const from = `from ${quoteTable(e.target.table)} where ${inBucket}`;
  const outcome = await asPersona(tx, world.persona(c.persona), 'GET', async (q) => {
    const total = await q.query<{ n: number }>(`select count(*)::int as n ${from}`, bucket);
    const seen = await q.query<{ ctid: string }>(
      `select ctid::text ${from} and ctid = any($${bucket.length + 1}::tid[])`,
      [...bucket, `{${fixtures.map((f) => `"${f.ctid}"`).join(',')}}`],
    );
    return { total: total.rows[0]!.n, ctids: new Set(seen.rows.map((r) => r.ctid)) };
  });
  const reach: Reach = outcome.ok
    ? {
        ok: true,
        names: fixtures.filter((f) => outcome.value.ctids.has(f.ctid)).map((f) => f.fixture.name),
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
