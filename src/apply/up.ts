// `kodo up` / `apply_migrations`: applies pending migrations in version order, one transaction per file.
//
// Against a database that is neither throwaway nor embedded, the plan must be approved first, either with the
// planId of a dry run (MCP) or through `confirm` (the CLI's --yes or prompt). The plan is computed again under
// the lock, and a plan that changed since it was approved is refused rather than applied.
import { DEFAULT_LOCK_TIMEOUT, durationMs } from '../config/schema.js';
import { KodoError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { listStandInsUsed } from '../db/standins/index.js';
import type { Finding } from '../lint/types.js';
import type { LoadedMigration } from '../migrations/read.js';
import { type Project, projectOf } from '../project/project.js';
import { applyFile } from './apply-file.js';
import { cancelRequested } from './cancel.js';
import type { ApplyFailure } from './failure.js';
import { createHistoryTable, readChecksums, readHistory } from './history.js';
import { withMigrationLock } from './lock.js';
import { embeddedMissing, openTarget } from './open-target.js';
import { analysePending, filesToApply, type PendingAnalysis } from './pending.js';
import { planIdFor } from './plan-id.js';
import { prepareServer, type ShimReport, serverNeedsShim } from './platform.js';
import { editedWarnings } from './status.js';
import { type Verification, verifyPending } from './verify.js';

export interface UpOptions {
  root: string;
  /** The project, when the caller has loaded it already (nothing is then read twice). */
  project?: Project;
  /** `embedded` (default), `memory`, `local` or a postgres:// URL. */
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  dryRun?: boolean;
  includeAll?: boolean;
  /** The planId of an earlier dry run: approves exactly that plan. */
  planId?: string | undefined;
  /** Asked to approve the plan when approval is needed and no planId was given. */
  confirm?: (plan: UpPlan) => Promise<boolean>;
  /** Before each file: 1-based number of the file, total, file path. */
  onProgress?: (done: number, total: number, file: string) => void | Promise<void>;
  /** Another run holds the server's migration lock. */
  onWait?: () => void;
  /**
   * Checked before each file: once aborted, no further file starts (the one in progress commits or rolls back
   * whole) and the result says `cancelled: true`, with `applied`/`pending` telling how far the run got.
   */
  signal?: AbortSignal | undefined;
  /**
   * Lint the pending files first and refuse error-level findings (`refused`, nothing applied or created). The CLI
   * and MCP doors set it unless told --no-verify / noVerify; library callers choose.
   */
  verify?: boolean;
  /** Called with the lint run when verification ran (the CLI prints it as `kodo lint` does). */
  onVerified?: (v: Verification) => void;
}

export interface UpPlan {
  target: string;
  planId: string;
  files: Array<{ version: string; file: string }>;
  /** True when the Supabase platform shim would be installed first (plain Postgres server). */
  installsShim: boolean;
}

export interface UpResult {
  target: string;
  dryRun: boolean;
  /** Versions applied by this run, in order. */
  applied: string[];
  /** Versions still pending after this run (on a dry run: everything that would be applied). */
  pending: string[];
  failure: ApplyFailure | null;
  planId: string;
  plan: Array<{ version: string; file: string }>;
  /** True when approval was refused (nothing ran) or `signal` aborted the run (see `applied`/`pending`). */
  cancelled: boolean;
  /** True when verification found error-level findings in pending files, so nothing was applied. */
  refused: boolean;
  /** Those findings (on a dry run: the ones that would refuse the run). */
  findings: Finding[];
  shim: ShimReport | null;
  /** Extensions the embedded database replaced with recording stand-ins. */
  standIns: string[];
  notes: string[];
  warnings: string[];
}

/** Whether applying to `db` needs an approved plan: real servers do, throwaway and embedded ones do not. */
export function needsApproval(db: Database): boolean {
  return db.kind === 'postgres' && !db.throwaway;
}

export async function up(opts: UpOptions): Promise<UpResult> {
  const project = projectOf(opts.project ?? opts.root);
  const config = await project.config();
  // A new embedded database has everything pending: verified before it is created, so a refusal creates nothing
  // (the plan is then made on the in-memory stand-in a dry run uses).
  let verified: Verification | undefined;
  let planOnly = opts.dryRun;
  if (
    opts.verify &&
    !opts.dryRun &&
    (await embeddedMissing({ root: opts.root, db: opts.db, env: opts.env }))
  ) {
    verified = await verifyPending(project, project.migrations());
    if (verified.errors.length > 0) planOnly = true;
  }
  const open = () =>
    openTarget({
      root: opts.root,
      db: opts.db,
      env: opts.env,
      dryRun: planOnly,
      // A migration stuck behind another session's lock fails fast instead of queueing every query behind it.
      serverLockTimeoutMs: durationMs(config.lockTimeout ?? DEFAULT_LOCK_TIMEOUT),
    });
  const lockOptions = opts.onWait ? { onWait: opts.onWait } : {};
  let db = await open();
  try {
    const planned = await planAndApprove(db, project, opts, verified);
    const { result } = planned;
    if (!planned.proceed) return result;
    if (planned.plan.installsShim) {
      result.shim = await withMigrationLock(db, () => prepareServer(db, false), lockOptions);
      // The shim sets the database's search_path, which only sessions opened afterwards get.
      await db.close();
      db = await open();
    }
    await withMigrationLock(db, () => applyPlanned(db, project, planned, opts), lockOptions);
    if (db.kind !== 'postgres') result.standIns = await listStandInsUsed(db);
    return result;
  } finally {
    await db.close();
  }
}

interface Planned {
  plan: UpPlan;
  result: UpResult;
  /** False on a dry run, with nothing to do, or when approval was refused. */
  proceed: boolean;
}

/** The plan, and its approval when the target needs one. */
async function planAndApprove(
  db: Database,
  project: Project,
  opts: UpOptions,
  verified: Verification | undefined,
): Promise<Planned> {
  const first = await analyse(db, project);
  const files = filesToApply(first, {
    includeAll: opts.includeAll ?? false,
    target: db.label,
    owners: await project.owners(),
  });
  const plan: UpPlan = {
    target: db.label,
    planId: planIdFor(db.label, files),
    files: files.map((f) => ({ version: f.version, file: f.file })),
    installsShim: files.length > 0 && (await serverNeedsShim(db)),
  };
  const result: UpResult = {
    target: db.label,
    dryRun: opts.dryRun ?? false,
    applied: [],
    pending: files.map((f) => f.version),
    failure: null,
    planId: plan.planId,
    plan: plan.files,
    cancelled: false,
    refused: false,
    findings: [],
    shim: plan.installsShim ? { installed: false, wouldInstall: true, parts: [] } : null,
    standIns: [],
    notes: first.crossRange.map((c) => c.message),
    warnings: [...project.folder().warnings.map((w) => w.message), ...editedWarnings(first.edited, db.label)],
  };
  if (opts.planId !== undefined && opts.planId !== plan.planId) throw planChanged(db.label);
  if (opts.verify && files.length > 0) {
    const v = verified ?? (await verifyPending(project, files));
    opts.onVerified?.(v);
    result.findings = v.errors;
    result.refused = v.errors.length > 0 && !result.dryRun;
  }
  if (result.dryRun || result.refused || files.length === 0) return { plan, result, proceed: false };
  if (needsApproval(db) && opts.planId === undefined) {
    if (!opts.confirm) {
      throw new KodoError(
        'approval-required',
        `Applying ${files.length} migration(s) to ${db.label} needs approval: run a dry run, show its plan to the user, and apply with the planId of the plan they approved.`,
      );
    }
    if (!(await opts.confirm(plan))) return { plan, result: { ...result, cancelled: true }, proceed: false };
  }
  return { plan, result, proceed: true };
}

/** Under the lock: plans again (another run may have applied files meanwhile), then applies. */
async function applyPlanned(db: Database, project: Project, planned: Planned, opts: UpOptions) {
  const { plan, result } = planned;
  const now = await analyse(db, project);
  const todo = filesToApply(now, {
    includeAll: opts.includeAll ?? false,
    target: db.label,
    owners: await project.owners(),
  });
  result.pending = todo.map((f) => f.version);
  if (todo.length === 0) return;
  if (needsApproval(db) && planIdFor(db.label, todo) !== plan.planId) throw planChanged(db.label);
  result.shim = (await prepareServer(db, false)) ?? result.shim;
  await createHistoryTable(db);
  await applyAll(db, todo, result, opts);
}
async function analyse(db: Database, project: Project): Promise<PendingAnalysis<LoadedMigration>> {
  const history = await readHistory(db);
  return analysePending({
    local: project.migrations(),
    applied: history.map((h) => h.version),
    checksums: await readChecksums(db),
    owners: await project.owners(),
  });
}

async function applyAll(db: Database, todo: LoadedMigration[], result: UpResult, opts: UpOptions) {
  for (const [i, migration] of todo.entries()) {
    if (await cancelRequested(opts.signal)) {
      result.cancelled = true;
      break;
    }
    await opts.onProgress?.(i + 1, todo.length, migration.file);
    const outcome = await applyFile(db, migration);
    result.warnings.push(...outcome.warnings);
    if (outcome.failure) {
      result.failure = outcome.failure;
      break;
    }
    result.applied.push(migration.version);
  }
  const applied = new Set(result.applied);
  result.pending = result.pending.filter((v) => !applied.has(v));
}

export function planChanged(target: string): KodoError {
  return new KodoError(
    'plan-changed',
    `The pending migrations or the target changed since the plan was approved (target ${target}); run a new dry run and review it before applying.`,
  );
}
