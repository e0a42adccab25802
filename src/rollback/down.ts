// `kodo down [--last N]`: rolls the development database back by the newest N applied migrations, in place, so the
// rows of every table that survives stay (the Supabase CLI's `migration down` wipes the database and replays).
// Each step is the verified rollback of its file (plan.ts); all steps and the history rows go in one transaction,
// and the schema is compared with the replay's state before the first reverted file before that transaction
// commits. Only the embedded database and the Supabase local stack are touched; the local stack needs an approved
// plan (--yes, or the planId of a dry run), like kodo reset.
import { deleteApplied, readHistory } from '../apply/history.js';
import { withMigrationLock } from '../apply/lock.js';
import { embeddedMissing } from '../apply/open-target.js';
import { planIdFor } from '../apply/plan-id.js';
import { KodoError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { toDatabaseError } from '../db/errors.js';
import { openDatabase } from '../db/open.js';
import { isLocalStack, localStackPhrase, parseDatabaseSpec } from '../db/spec.js';
import { type Project, projectOf } from '../project/project.js';
import { compareSnapshots, summaryLine } from '../schema/compare.js';
import { takeSnapshot } from '../schema/snapshot.js';
import { assertNoDrift, stepsToRevert } from './down-checks.js';
import type { DownResult } from './down-result.js';
import { planRollback, type RollbackPlan } from './plan.js';

export interface DownOptions {
  /** `embedded` (default), `local`, or a URL of the local stack. */
  db?: string | undefined;
  last?: number | undefined;
  /** Roll back even when a step cannot undo everything its migration did. */
  force?: boolean | undefined;
  dryRun?: boolean | undefined;
  /** The approved dry run's planId (needed for the local stack). */
  planId?: string | undefined;
  /** Asked to approve the plan for the local stack when no planId was given (the CLI's --yes or prompt). */
  confirm?: (result: DownResult) => Promise<boolean>;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
}

export async function runDown(at: string | Project, opts: DownOptions = {}): Promise<DownResult> {
  const project = projectOf(at);
  const env = opts.env ?? process.env;
  const target = parseDatabaseSpec(opts.db, env, project.root);
  if (target.kind === 'memory' || (target.kind === 'postgres' && !isLocalStack(target, project.root))) {
    throw new KodoError(
      'down-refused',
      `kodo down rolls back only a development database: the embedded one (default) or ${localStackPhrase(project.root)}. For another database, write the rollback with kodo rollback and apply it with kodo up.`,
    );
  }
  if (await embeddedMissing({ db: opts.db, env, root: project.root })) {
    throw new KodoError(
      'nothing-applied',
      'The embedded database (.kodo/db) does not exist yet, so there is nothing to roll back.',
    );
  }
  const db = await openDatabase(opts.db, { root: project.root, env });
  try {
    return await withMigrationLock(db, () => revert(project, db, opts, env));
  } finally {
    await db.close();
  }
}

async function revert(
  project: Project,
  db: Database,
  opts: DownOptions,
  env: NodeJS.ProcessEnv,
): Promise<DownResult> {
  const label = db.label;
  const local = project.migrations();
  const steps = stepsToRevert(await readHistory(db), local, opts.last ?? 1, label);
  const plans: RollbackPlan[] = [];
  for (const index of steps) {
    const plan = await planRollback(project, index, { env, signal: opts.signal });
    if (!plan.verification.verified) {
      const why =
        plan.verification.error ??
        [...plan.verification.remaining.map(summaryLine), ...plan.unproven].slice(0, 3).join('; ');
      throw new KodoError(
        'rollback-unverified',
        `The rollback of ${plan.migration.file} could not be proven on a throwaway database (${why}); nothing was changed — see kodo rollback ${plan.migration.version} --dry-run.`,
      );
    }
    plans.push(plan);
  }
  const warning = await assertNoDrift(await takeSnapshot(db), plans[0]!.after, label, env);
  const result: DownResult = {
    target: label,
    reverted: [],
    plan: plans.map((p) => ({
      version: p.migration.version,
      file: p.migration.file,
      statements: p.statements,
    })),
    irreversible: plans.flatMap((p) => p.irreversible.map((i) => ({ version: p.migration.version, ...i }))),
    destructive: plans.flatMap((p) => p.destructive),
    planId: planIdFor(
      `down ${label}`,
      plans.map((p) => ({ version: p.migration.version, sha256: p.migration.sha256 })),
    ),
    dryRun: opts.dryRun ?? false,
    cancelled: false,
    warnings: [...(warning ? [warning] : []), ...plans.flatMap((p) => p.warnings)],
  };
  if (opts.planId !== undefined && opts.planId !== result.planId) {
    throw new KodoError(
      'plan-changed',
      `The migrations or the target changed since the down plan was approved (target ${label}); run a new dry run and review it.`,
    );
  }
  if (result.dryRun) return result;
  if (result.irreversible.length > 0 && !opts.force) {
    const first = result.irreversible[0]!;
    const file = plans.find((p) => p.migration.version === first.version)!.migration.file;
    throw new KodoError(
      'irreversible',
      `${file}:${first.line}: ${first.reason}${result.irreversible.length > 1 ? ` (and ${result.irreversible.length - 1} more: see kodo rollback ${first.version} --dry-run)` : ''}; kodo down stops here — rerun with --force to roll back the schema anyway.`,
    );
  }
  if (db.kind === 'postgres' && opts.planId === undefined) {
    if (!opts.confirm) {
      throw new KodoError(
        'approval-required',
        `Rolling back ${label} needs approval: run a dry run, show its plan to the user, and run down with the planId of the plan they approved.`,
      );
    }
    if (!(await opts.confirm(result))) return { ...result, cancelled: true };
  }
  const expected = plans.at(-1)!.before;
  const sameEngine = (await takeSnapshot(db)).serverVersion === expected.serverVersion;
  await db.transaction(async (tx) => {
    for (const p of plans) {
      try {
        if (p.statements.length > 0) await tx.exec(p.statements.join('\n'));
      } catch (e) {
        // The proof ran on a replay without the user's rows; here a row can refuse a step (a foreign key re-added
        // to a table that came back empty, NOT NULL on a column that came back empty).
        throw new KodoError(
          'rollback-failed',
          `The rollback of ${p.migration.file} failed on ${label}: ${toDatabaseError(e).message}; nothing was changed (the whole kodo down was rolled back).`,
        );
      }
      await deleteApplied(tx, [p.migration.version]);
    }
    // The last check, inside the transaction: anything but the expected schema rolls everything back.
    if (!sameEngine) return;
    const left = compareSnapshots(await takeSnapshot(tx), expected);
    if (left.length > 0) {
      throw new KodoError(
        'rollback-mismatch',
        `After the rollbacks ${label} did not have the schema its remaining migrations build (${left.slice(0, 3).map(summaryLine).join('; ')}); nothing was changed.`,
      );
    }
  });
  result.reverted = plans.map((p) => p.migration.version);
  return result;
}
