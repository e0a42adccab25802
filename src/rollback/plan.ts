// The reverse of one migration, proven: on a throwaway database the migrations before it are replayed (through the
// prefix cache) and snapshotted, the migration is applied and snapshotted, and the diff engine plans "after → before".
// Renames are walked back first by their own reverse statements (the engine alone would see a drop and an add, and
// the rollback would lose the column's values). The plan is then applied to the "after" state and the result
// compared with "before": `verified` only when they are equal. `kodo rollback` writes it, `kodo down` applies it.
import { applyNext, openAppliedState } from '../apply/applied-state.js';
import { mark } from '../core/timing.js';
import type { Database } from '../db/database.js';
import type { LoadedMigration } from '../migrations/read.js';
import type { Project } from '../project/project.js';
import { compareSnapshots, type Difference } from '../schema/compare.js';
import { planDiff } from '../schema/plan/index.js';
import { takeSnapshot } from '../schema/snapshot.js';
import type { Snapshot } from '../schema/types.js';
import { type Verification, verifyPlan } from '../schema/verify.js';
import { enumRestores } from './enum-values.js';
import { findIrreversible, type Irreversible } from './irreversible.js';
import { reverseRenames } from './renames.js';

export interface RollbackPlan {
  migration: LoadedMigration;
  /** The statements that undo the migration's schema changes, in order (empty when it changed none). */
  statements: string[];
  /** What the rollback cannot undo, with the line in the migration. */
  irreversible: Irreversible[];
  /** What the rollback itself removes (a table or column the migration added, with any rows written since). */
  destructive: string[];
  warnings: string[];
  /** The schema differences the rollback undoes (the state after the migration → before it). */
  differences: Difference[];
  verification: Verification;
  /** Why the rollback is unproven beyond `verification`: objects the engine does not model that the file changed. */
  unproven: string[];
  /** The schema before the migration (what `kodo down` checks the database against after the rollback). */
  before: Snapshot;
  /** The schema after it (what the database must look like before `kodo down` rolls it back). */
  after: Snapshot;
}

export interface RollbackPlanOptions {
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
}

export async function planRollback(
  project: Project,
  index: number,
  opts: RollbackPlanOptions,
): Promise<RollbackPlan> {
  const migration = project.migrations()[index]!;
  const renames = await reverseRenames(migration);
  const state = await openAppliedState(project, { upTo: index, env: opts.env, signal: opts.signal });
  try {
    mark('rollback: replayed the files before it');
    const before = await takeSnapshot(state.db);
    mark('rollback: snapshot before');
    // What an IF NOT EXISTS found already there is known now: one that was not there, the rollback drops whole.
    const irreversible = await findIrreversible(migration, (kind, q) =>
      before.objects.has(kind === 'schema' ? `schema ${q.name}` : `${kind} ${q.schema}.${q.name}`),
    );
    await applyNext(state, migration);
    const after = await takeSnapshot(state.db);
    mark('rollback: applied and snapshot after');
    const warnings: string[] = [];
    let from = after;
    let undone: string[] = [];
    // Steps the engine would get wrong, tried first on the after-state (in a transaction rolled back): each that
    // applies is kept and the engine plans the rest from where it leaves the schema.
    const tryFirst = async (steps: string[], failed: string) => {
      if (steps.length === 0) return;
      const walked = await snapshotAfter(state.db, [...undone, ...steps].join('\n'));
      if (walked) {
        undone = [...undone, ...steps];
        from = walked;
      } else warnings.push(failed);
    };
    await tryFirst(
      renames,
      `the renames in ${migration.file} could not be walked back in place (a renamed object was changed again); the rollback drops and re-creates them, losing their rows`,
    );
    await tryFirst(
      enumRestores(before, from),
      `the enum values ${migration.file} adds could not be removed in place (rows hold one, or a view or a function holds the type); the rollback re-creates the type, and the columns of it lose their values`,
    );
    const differences = compareSnapshots(from, before);
    const plan = planDiff(from, before, differences);
    const statements = [...undone, ...plan.statements];
    mark('rollback: planned');
    const verification = await verifyPlan(state.db, statements.join('\n'), before);
    // The engine cannot undo what it does not model (aggregates): a change to one leaves the rollback unproven.
    const unmodeled = symmetricDifference(before.unmodeled, after.unmodeled);
    if (unmodeled.length > 0) {
      verification.verified = false;
    }
    const unproven = unmodeled.map(
      (name) =>
        `${name} is changed by the migration but not modeled by kodo yet, so its rollback cannot be proven; write that part by hand`,
    );
    return {
      migration,
      statements,
      irreversible,
      destructive: plan.destructive,
      warnings: [...warnings, ...plan.warnings],
      differences: compareSnapshots(after, before),
      verification,
      unproven,
      before,
      after,
    };
  } finally {
    await state.close();
  }
}

function symmetricDifference(a: string[], b: string[]): string[] {
  return [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))];
}

/** Runs `sql` in a transaction that is rolled back, and returns the schema it left (null when it failed). */
async function snapshotAfter(db: Database, sql: string): Promise<Snapshot | null> {
  let snapshot: Snapshot | null = null;
  try {
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      snapshot = await takeSnapshot(tx);
      throw UNDO;
    });
  } catch (e) {
    if (e !== UNDO) return null;
  }
  return snapshot;
}

const UNDO = new Error('undo');
