// The automatic isolation matrix: for every table the Data API exposes, seed a row for user A (org A) and one for
// user B (org B) as service_role, then try each operation as user A and as anon, and report every reach into a
// row that is not theirs as a leak, with the policy that allowed it. Everything runs in one transaction that is
// rolled back, each table in a savepoint, each try in a savepoint of its own.
import { readAccess, readPolicies, readTables } from '../../catalog/index.js';
import type { PolicyInfo, TableAccess, TableInfo } from '../../catalog/types.js';
import type { Database, Queryable } from '../../db/database.js';
import { loadParser } from '../../sql/parse.js';
import { rolledBack } from '../identity.js';
import type { Persona } from '../personas.js';
import { createRowContext, type RowContext, RowError } from '../rows/index.js';
import { accessColumns, lookedUpColumns } from './access-columns.js';
import { bucketIds, bucketSetup } from './buckets.js';
import { applicable, mayApply } from './explain.js';
import { exposed, OPERATIONS, rlsOff } from './exposure.js';
import { seedLookups } from './lookups.js';
import { ownRowUnreached } from './own-unreached.js';
import { type OwnerContext, ownershipOf, tableKey } from './owners.js';
import { publishingPolicy } from './published.js';
import { Seeder } from './seeder.js';
import { COMMAND, type Operation, probeOperation, type Reach, type TableSetup } from './table-probes.js';
import { createWorld, type World } from './world.js';

export type { Operation } from './table-probes.js';

export type MatrixPersona = 'authenticated' | 'anon';

export interface MatrixCell extends Reach {
  table: string;
  persona: MatrixPersona;
  operation: Operation;
  leak: boolean;
}

export interface Leak {
  table: string;
  persona: MatrixPersona;
  operation: Operation | 'all';
  policy: string | null;
  detail: string;
}

export interface Unproven {
  table: string;
  reason: string;
}

export interface MatrixResult {
  /** Tables the matrix covered (exposed through the Data API), `schema.name`. */
  tables: string[];
  cells: MatrixCell[];
  leaks: Leak[];
  unproven: Unproven[];
}

export interface MatrixOptions {
  /** The schemas the Data API exposes (`[api] schemas`). */
  schemas: string[];
  /** Only these tables (`schema.name`), e.g. the ones a migration touched. */
  only?: Set<string>;
}

export async function runMatrix(db: Database, opts: MatrixOptions): Promise<MatrixResult> {
  // Owners are read from the policies' parse trees: without the parser every expression reads as unparsable
  // (and is remembered so), and only the catalog's weaker evidence would be left.
  await loadParser();
  return rolledBack(db, (tx) => matrixIn(tx, opts));
}

async function matrixIn(tx: Queryable, opts: MatrixOptions): Promise<MatrixResult> {
  const [all, access, policies] = await Promise.all([
    readTables(tx, opts.schemas),
    readAccess(tx, opts.schemas),
    readPolicies(tx, [...opts.schemas, 'storage']),
  ]);
  // Storage's tables belong to the Storage API (old config.toml files expose the schema): its objects are
  // probed per bucket below, and its other tables (buckets, uploads, analytics) are not the project's data.
  const tables = all.filter((t) => t.schema !== 'storage');
  const ctx: OwnerContext = { tables: new Map(tables.map((t) => [tableKey(t), t])), policies };
  const result: MatrixResult = { tables: [], cells: [], leaks: [], unproven: [] };
  // The project's buckets, read before any seeding: a lookup row may create buckets of kodo's own.
  const buckets = await bucketIds(tx);
  const world = await createWorld(tx);
  const rows = createRowContext();
  const seeder = new Seeder(tx, ctx, world.service, rows, world.c);
  const lookedUp = lookedUpColumns(tables, ctx);
  await seedLookups(tx, tables, ctx, seeder, world);
  const byKey = new Map(access.map((a) => [`${a.schema}.${a.name}`, a]));
  for (const table of tables) {
    const key = tableKey(table);
    const grants = byKey.get(key);
    if ((table.kind !== 'r' && table.kind !== 'p') || !grants || !exposed(grants)) continue;
    if (opts.only && !opts.only.has(key)) continue;
    result.tables.push(key);
    if (!table.rls) {
      result.leaks.push(rlsOff(key, grants));
      continue;
    }
    await probeTable(tx, table, grants, { ctx, policies, world, seeder, lookedUp }, result);
  }
  if (!opts.only) await probeStorage(tx, buckets, { ctx, policies, world, seeder, lookedUp }, rows, result);
  return result;
}

interface Env {
  ctx: OwnerContext;
  policies: PolicyInfo[];
  world: World;
  seeder: Seeder;
  /** Columns other tables' policies look up, by table. */
  lookedUp: Map<string, Set<string>>;
}

async function probeTable(tx: Queryable, table: TableInfo, grants: TableAccess, env: Env, out: MatrixResult) {
  const key = tableKey(table);
  const ownership = ownershipOf(table, env.ctx);
  if (ownership.owners.length === 0) {
    const opaque =
      ownership.opaque.length > 0
        ? `; its policies call ${ownership.opaque.join(', ')}, which kodo does not read`
        : '';
    out.unproven.push({
      table: key,
      reason: `no owner found: no column references auth.users or is compared with auth.uid() or an org claim${opaque}`,
    });
    return;
  }
  await inSavepoint(tx, async () => {
    // B's row first, as everywhere the matrix seeds (see world.ts): a "first row" privilege goes to B.
    const theirs = await env.seeder.ensure(table, env.world.b);
    const mine = await env.seeder.ensure(table, env.world.a);
    // B's row as it was made (a column relating B to a bystander holds the bystander, as A's row does, so
    // pointing A's row at that bystander moves nothing).
    const movable = accessColumns(ownership, env.lookedUp.get(key));
    const theirPins = Object.fromEntries([...movable].map((c) => [c, theirs.row[c]]));
    const cells = await probeCells(
      tx,
      { table, policies: env.policies, mine, theirs, theirPins },
      key,
      grants,
      env,
      out,
    );
    const opened =
      grants.authenticated.select && applicable(env.policies, table, 'SELECT', env.world.a).length > 0;
    const unreached = ownRowUnreached(key, cells, ownership, opened);
    if (unreached) out.unproven.push(unreached);
  }).catch((e: unknown) => {
    if (!(e instanceof RowError)) throw e;
    out.unproven.push({ table: key, reason: `kodo could not seed a row: ${e.message}` });
  });
}

/** Every persona and operation on one table (or bucket), as cells and leaks. */
async function probeCells(
  tx: Queryable,
  setup: TableSetup,
  label: string,
  grants: TableAccess,
  env: Env,
  out: MatrixResult,
): Promise<MatrixCell[]> {
  const cells: MatrixCell[] = [];
  for (const [name, persona, privileges] of [
    ['authenticated', env.world.a, grants.authenticated],
    ['anon', env.world.anon, grants.anon],
  ] as const) {
    for (const operation of OPERATIONS) {
      const refused = (detail: string) => ({
        own: persona.user ? false : null,
        others: false,
        policy: null,
        detail,
      });
      const reach = !privileges[operation]
        ? refused(`${name} has no ${operation} privilege`)
        : !mayApply(env.policies, setup.table, COMMAND[operation], persona)
          ? refused(`no ${operation} policy applies to ${name}, so row level security refuses every row`)
          : await probeOperation(tx, setup, persona, operation);
      const leak = isLeak(reach, persona, env.policies, setup.table);
      cells.push({ table: label, persona: name, operation, ...reach, leak });
    }
  }
  excusePublished(cells, env.policies, setup.table);
  out.cells.push(...cells);
  for (const c of cells) {
    if (c.leak)
      out.leaks.push({
        table: label,
        persona: c.persona,
        operation: c.operation,
        policy: c.policy,
        detail: c.detail,
      });
  }
  return cells;
}

/** When anon reads the other owner's row through a policy that publishes it, no persona's read of it leaks. */
function excusePublished(cells: MatrixCell[], policies: PolicyInfo[], table: TableInfo): void {
  const anonRead = cells.find((c) => c.persona === 'anon' && c.operation === 'select' && c.others);
  const published = publishingPolicy(anonRead?.policy ?? null, policies, table);
  if (!published) return;
  for (const c of cells) {
    if (c.operation !== 'select' || !c.others) continue;
    c.leak = false;
    c.detail = `${c.detail}, which policy ${published} publishes to everyone (anon included)`;
  }
}

/** Storage: each bucket's objects, one user's folder against the other's. */
async function probeStorage(
  tx: Queryable,
  buckets: string[],
  env: Env,
  rows: RowContext,
  out: MatrixResult,
): Promise<void> {
  const grants = (await readAccess(tx, ['storage'])).find((a) => a.name === 'objects');
  if (!grants || !exposed(grants)) return;
  for (const bucket of buckets) {
    const label = `storage.objects:${bucket}`;
    out.tables.push(label);
    await inSavepoint(tx, async () => {
      const target = await bucketSetup(tx, bucket, env.world, env.policies, rows);
      await probeCells(tx, target.setup, label, grants, env, out);
    }).catch((e: unknown) => {
      if (!(e instanceof RowError)) throw e;
      out.unproven.push({ table: label, reason: `kodo could not seed an object: ${e.message}` });
    });
  }
}

/** Runs `fn` in a savepoint that is always rolled back: a table's rows never meet the next table's. */
async function inSavepoint(tx: Queryable, fn: () => Promise<void>): Promise<void> {
  await tx.exec('savepoint kodo_matrix_table');
  try {
    await fn();
  } finally {
    await tx.exec('rollback to savepoint kodo_matrix_table; release savepoint kodo_matrix_table');
  }
}

/** A reach into another owner's row is a leak, except anon's through a policy written for anon on purpose. */
function isLeak(reach: Reach, persona: Persona, policies: PolicyInfo[], table: TableInfo): boolean {
  if (!reach.others) return false;
  if (persona.user || !reach.policy) return true;
  const names = reach.policy.split(', ');
  return !policies.some(
    (p) =>
      p.schema === table.schema &&
      p.table === table.name &&
      names.includes(p.name) &&
      p.roles.includes('anon'),
  );
}
