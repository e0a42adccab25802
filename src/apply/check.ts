// `kodo check`: lint every migration, then replay them all, in order, on a fresh throwaway database and report
// the first failure precisely; then the catalog advisors on the database the replay built.
import { checkAdvisors } from '../advisors/in-check.js';
import { describeError, KodoError } from '../core/errors.js';
import { mark } from '../core/timing.js';
import type { Database } from '../db/database.js';
import type { ScratchReport } from '../db/scratch.js';
import { rolesCreatedIn } from '../db/scratch-cleanup.js';
import { parseDatabaseSpec } from '../db/spec.js';
import { listStandInsUsed } from '../db/standins/index.js';
import type { LintRun } from '../lint/engine.js';
import { lintLoadedProject } from '../lint/project.js';
import type { LoadedMigration } from '../migrations/read.js';
import { type Project, projectOf } from '../project/project.js';
import { applySeeds } from '../project/seeds.js';
import { type CheckRls, checkRls } from './check-rls.js';
import { type ClusterChange, clusterWideChanges } from './cluster-wide.js';
import type { ApplyFailure } from './failure.js';
import { planIdFor } from './plan-id.js';
import { discardPrefetched, prefetchReplay, type ReplayOptions, replay } from './replay.js';

/** INTERFACES.md's Finding, as the linter reports it; a catalog advisor's also names its object and category. */
export interface CheckFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  line: number;
  column: number;
  message: string;
  help: string;
  /** Catalog advisors only: the object (`public.todos`, `public.todos.policy`), found on the applied schema. */
  object?: string;
  category?: 'security' | 'performance';
}

export interface CheckOptions {
  root: string;
  /** The project, when the caller has loaded it already (nothing is then read twice). */
  project?: Project;
  /** Where the throwaway database lives: `memory` (PGlite) by default, or a server (a shimmed scratch database). */
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  onProgress?: (done: number, total: number, file: string) => void | Promise<void>;
  /** Checked before each file: once aborted, the replay stops and the result says `cancelled: true`. */
  signal?: AbortSignal | undefined;
  /** Approves the changes that outlive the scratch database on a server (see cluster-wide.ts): the plan's id. */
  planId?: string | undefined;
  /** Asked to approve those changes when no planId was given (the CLI's --yes or prompt). */
  confirm?: (plan: ClusterPlan) => Promise<boolean>;
  /** False: replay every file, neither reading nor writing the prefix cache (`--no-cache`). */
  cache?: boolean;
  /** The MCP server: keep the scratch database warm for the next check (see src/apply/warm.ts). */
  keepWarm?: boolean;
  /** Skip the seed files (`--no-seed`). */
  noSeed?: boolean;
  /** Also run the RLS access diff of the new migrations (`--rls`; see check-rls.ts). */
  rls?: boolean;
}

/** What a check on a server would change outside its scratch database, and the id that approves exactly that. */
export interface ClusterPlan {
  target: string;
  planId: string;
  changes: ClusterChange[];
}

/**
 * On a server, a migration that changes roles, databases or settings that exist outside the scratch database
 * leaves that change behind: the check runs only once the user approved exactly those statements.
 */
async function approveClusterChanges(migrations: LoadedMigration[], opts: CheckOptions): Promise<void> {
  const target = parseDatabaseSpec(opts.db, opts.env ?? process.env, opts.root);
  if (target.kind !== 'postgres') return;
  const changes = clusterWideChanges(migrations);
  if (changes.length === 0) return;
  const files = new Set(changes.map((c) => c.file));
  const planId = planIdFor(
    target.label,
    migrations.filter((m) => files.has(m.file)),
  );
  if (opts.planId === planId) return;
  const plan: ClusterPlan = { target: target.label, planId, changes };
  if (opts.planId === undefined && opts.confirm && (await opts.confirm(plan))) return;
  const list = changes.map((c) => `${c.file}:${c.line} ${c.statement}`).join('; ');
  throw new KodoError(
    'approval-required',
    `Checking on ${target.label} would change objects outside the scratch database that stay after the check (${list}); run the check on the default in-memory database instead, or approve these changes (CLI: --yes; MCP: planId ${planId}).`,
  );
}

export interface CheckResult {
  /** The verdict: every file applied, no error-level finding, not cancelled. */
  ok: boolean;
  target: string;
  total: number;
  /** Files applied successfully before the first failure (all of them when there is none). */
  applied: number;
  failure: ApplyFailure | null;
  /** True when `signal` aborted the replay before every file ran (`applied` tells how far it got). */
  cancelled: boolean;
  /** Of `applied`, how many came from the prefix cache rather than being replayed in this run. */
  cached: number;
  /** Seed files applied after the migrations (relative paths), in order. */
  seeded: string[];
  findings: CheckFinding[];
  standIns: string[];
  warnings: string[];
  /** With `rls`: what the new migrations changed in who can read and write which rows; else null. */
  rls: CheckRls | null;
}

const NO_SEEDS: ReturnType<Project['seeds']> = {
  listing: { files: [], warnings: [], enabled: false },
  loaded: [],
};

export async function checkMigrations(opts: CheckOptions): Promise<CheckResult> {
  return (await checkWithLint(opts)).result;
}

/** The check, plus the lint run behind its findings (the CLI prints them as `kodo lint` does, code frames too). */
export async function checkWithLint(
  opts: CheckOptions,
): Promise<{ result: CheckResult; lint: LintRun | null }> {
  const project = projectOf(opts.project ?? opts.root);
  const migrations = project.migrations();
  // Read (and refused, for a link out of the project) before any database is opened.
  const seeds = opts.noSeed ? NO_SEEDS : project.seeds();
  const server = {
    migrationRoles: rolesCreatedIn(migrations.flatMap((m) => m.statements.map((s) => s.sql))),
    report: { rolesLeft: [] } as ScratchReport,
  };
  const replayOptions: ReplayOptions = {
    root: opts.root,
    db: opts.db,
    env: opts.env ?? process.env,
    server,
    cache: opts.cache,
    keepWarm: opts.keepWarm,
    signal: opts.signal,
    onProgress: opts.onProgress,
    afterFile: async () => server.report.afterFile?.(),
  };
  // Started before the lint, so PGlite compiles and the cached state is read while the files are linted.
  const prefetched = prefetchReplay(migrations, replayOptions);
  prefetched.catch(() => undefined);
  // Lint first, from the same texts it applies: its parser compiles before PGlite does, and a syntax error is
  // then reported with both views.
  let lint: LintRun | null;
  try {
    lint = migrations.length > 0 ? await lintLoadedProject(project) : null;
    await approveClusterChanges(migrations, opts);
  } catch (e) {
    // A cached state unpacked meanwhile is not needed.
    await discardPrefetched(prefetched);
    throw e;
  }
  const findings = lint?.findings ?? [];
  const run = await replay(migrations, replayOptions, prefetched);
  const { db } = run;
  const result: CheckResult = {
    ok: false,
    target: db.label,
    total: migrations.length,
    applied: run.applied,
    failure: run.failure,
    cancelled: run.cancelled,
    cached: run.cached,
    seeded: [],
    findings,
    standIns: [],
    rls: null,
    warnings: [
      ...project.folder().warnings.map((w) => w.message),
      ...run.warnings,
      ...seeds.listing.warnings,
    ],
  };
  try {
    // The seeds run after every migration, as `supabase db reset` runs them: a broken seed is a failed check.
    if (!run.failure && !run.cancelled) {
      const seeded = await applySeeds(run.db, seeds.loaded, { root: opts.root });
      result.seeded = seeded.seeded;
      result.failure = seeded.failure;
      result.warnings.push(...seeded.warnings);
      if (!result.failure && lint) await addAdvisorFindings(result, run.db, project, lint);
    }
    if (db.kind !== 'postgres') result.standIns = await listStandInsUsed(run.db);
  } finally {
    await run.finish();
  }
  const { rolesLeft } = server.report;
  if (rolesLeft.length > 0) {
    result.warnings.push(
      `Roles created by kodo check are still on the server because something still uses them or another check is running: ${rolesLeft.join(', ')}; the next check drops them once nothing depends on them.`,
    );
  }
  if (opts.rls && !result.failure && !result.cancelled) {
    result.rls = await checkRls(project, { env: opts.env, signal: opts.signal });
  }
  result.ok =
    !result.failure &&
    !result.cancelled &&
    !result.findings.some((f) => f.severity === 'error') &&
    (result.rls?.open.length ?? 0) === 0;
  return { result, lint };
}

/**
 * The catalog advisors, on the state the check built (a trial transaction in the warm MCP server: they only read,
 * inside a savepoint they roll back). They cannot fail a check by failing themselves: that is a kodo bug, said as
 * a warning.
 */
async function addAdvisorFindings(
  result: CheckResult,
  db: Database,
  project: Project,
  lint: LintRun,
): Promise<void> {
  try {
    result.findings = [...result.findings, ...(await checkAdvisors(db, project, lint))];
  } catch (e) {
    result.warnings.push(
      `The catalog advisors could not run (${describeError(e)}); the check's other results stand. This is a kodo bug, please report it.`,
    );
  }
  mark('check: catalog advisors');
}
