// The fixtures, inserted in order as service_role (as a backend or a seed would, past RLS), each returning every
// column as text so later fixtures and cases can refer to it, and the spec's buckets, created if missing.
import type { TableInfo } from '../../catalog/index.js';
import type { Queryable } from '../../db/database.js';
import { toDatabaseError } from '../../db/errors.js';
import { ident } from '../../db/scratch-cleanup.js';
import { keepAs } from '../identity.js';
import { errorText } from './cases/outcome.js';
import type { FixtureSpec } from './model.js';
import { SpecProblem } from './problem.js';
import { resolveRefs } from './refs.js';
import type { Values } from './schema.js';
import { arrayLiteral, column, insertStatement, param, quoteTable } from './values.js';
import { PIN_COLUMNS, type Pin, type World } from './world.js';

export async function insertFixtures(tx: Queryable, world: World): Promise<void> {
  const serviceRole = world.persona('service_role');
  await createBuckets(tx, world);
  for (const f of world.spec.fixtures) {
    const table = world.table(f.target);
    const values = valuesOf(f, world);
    // Every column as text, by position: no column name can clash with the pin's.
    const columns = table.columns.map((c, i) => `kodo_row.${ident(c.name)}::text as c${i}`);
    const returning = ` returning ${PIN_COLUMNS}, ${columns.join(', ')}`;
    const { sql, params } = insertStatement(table, values, returning);
    try {
      const { rows } = await keepAs(tx, serviceRole, async (q) => {
        return q.query<Record<string, string | null>>(sql, params);
      });
      const row = Object.fromEntries(table.columns.map((c, i) => [c.name, rows[0]![`c${i}`] ?? null]));
      const pin = { tableoid: rows[0]!['tableoid']!, ctid: rows[0]!['ctid']! };
      world.rows.set(f.name, { fixture: f, pin, row });
    } catch (e) {
      throw new SpecProblem(
        f.at,
        `inserting into ${f.target.label} as service_role failed: ${errorText(toDatabaseError(e))}`,
      );
    }
  }
  await repin(tx, world);
}

/** Every bucket the spec names, as a migration would have created it (storage-api refuses objects without one). */
async function createBuckets(tx: Queryable, world: World): Promise<void> {
  const buckets = new Set(
    [...world.spec.fixtures, ...world.spec.expectations].flatMap((x) => x.target.bucket ?? []),
  );
  if (buckets.size === 0) return;
  await keepAs(tx, world.persona('service_role'), (q) =>
    q.query(
      'insert into storage.buckets (id, name) select b, b from unnest($1::text[]) b on conflict do nothing',
      [arrayLiteral([...buckets])],
    ),
  );
}

/** The fixture's columns with references resolved; for an object, its bucket, path and owner too. */
function valuesOf(f: FixtureSpec, world: World): Values {
  const values = resolveRefs(f.values, [...f.at, 'values'], world.lookup) as Values;
  if (f.target.bucket === undefined) return values;
  const owner = f.owner === undefined ? null : world.persona(f.owner).id;
  return {
    bucket_id: f.target.bucket,
    name: resolveRefs(f.path, [...f.at, 'path'], world.lookup),
    owner,
    owner_id: owner,
    ...values,
  };
}

/** Each fixture row's pin now that every fixture is in, found by primary key (a row without one keeps its own). */
async function repin(tx: Queryable, world: World): Promise<void> {
  await keepAs(tx, world.persona('service_role'), async (q) => {
    for (const r of world.rows.values()) {
      const t: TableInfo = world.table(r.fixture.target);
      if (t.primaryKey.length === 0) continue;
      const where = t.primaryKey.map((k, i) => `${ident(k)} = ${param(column(t, k), i + 1)}`).join(' and ');
      const { rows } = await q.query<Pin>(
        `select ${PIN_COLUMNS} from ${quoteTable(t)} where ${where}`,
        t.primaryKey.map((k) => r.row[k]),
      );
      if (rows[0]) r.pin = rows[0];
    }
  });
}
