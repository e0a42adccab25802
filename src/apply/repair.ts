// `kodo repair`: edits the history table only, like `supabase migration repair`; never runs migration SQL.
//
// `applied` upserts the CLI's row (version, name, split statements) from the local file, plus its checksum, so it
// needs that file. `reverted` deletes the rows and needs nothing local.
//
// Consent as for `up`: against a database that is neither throwaway nor embedded, the change needs the planId of
// a dry run (MCP) or `confirm` (the CLI's --yes or prompt), and a plan that changed meanwhile is refused.
import { KodoError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import type { LoadedMigration } from '../migrations/read.js';
import { projectOf } from '../project/project.js';
import { createHistoryTable, deleteApplied, readHistory, upsertApplied } from './history.js';
import { withMigrationLock } from './lock.js';
import { openTarget } from './open-target.js';
import { planIdFor } from './plan-id.js';
import { needsApproval, planChanged } from './up.js';

export type RepairStatus = 'applied' | 'reverted';

export interface RepairOptions {
  root: string;
  versions: string[];
  status: RepairStatus;
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Report what would change without writing. */
  dryRun?: boolean;
  /** The planId of an earlier dry run: approves exactly that change. */
  planId?: string | undefined;
  /** Asked to approve the change when approval is needed and no planId was given. */
  confirm?: (plan: RepairPlan) => Promise<boolean>;
}

export interface RepairPlan {
  target: string;
  planId: string;
  status: RepairStatus;
  changes: RepairChange[];
}

export interface RepairChange {
  version: string;
  /** What happens to the history row: inserted, updated (already there, refreshed), deleted, or unchanged. */
  action: 'insert' | 'update' | 'delete' | 'unchanged';
  /** The local file the row was taken from (`applied` only). */
  file: string | null;
}

export interface RepairResult {
  target: string;
  status: RepairStatus;
  dryRun: boolean;
  repaired: string[];
  changes: RepairChange[];
  planId: string;
  /** True when approval was needed and refused, so nothing was written. */
  cancelled: boolean;
}

export async function repairHistory(opts: RepairOptions): Promise<RepairResult> {
  const versions = validateVersions(opts.versions);
  const project = projectOf(opts.root);
  // Repair uses no setting, but an invalid config is an error for every command, before anything is written.
  await project.config();
  const byVersion = new Map<string, LoadedMigration>();
  // Like the CLI's glob, the first file of a version (in file-name order) is the one used.
  for (const m of project.migrations()) if (!byVersion.has(m.version)) byVersion.set(m.version, m);
  if (opts.status === 'applied') {
    const missing = versions.filter((v) => !byVersion.has(v));
    if (missing.length > 0) {
      throw new KodoError(
        'no-local-file',
        `No local file for version ${missing.join(', ')} in supabase/migrations; repair --status applied records a file's statements, so restore or create the file first (or use --status reverted to drop the row).`,
      );
    }
  }
  const db = await openTarget({ root: opts.root, db: opts.db, env: opts.env, dryRun: opts.dryRun });
  try {
    const plan = await planRepair(db, versions, opts.status, byVersion);
    const result: RepairResult = {
      target: db.label,
      status: opts.status,
      dryRun: opts.dryRun ?? false,
      repaired: versions,
      changes: plan.changes,
      planId: plan.planId,
      cancelled: false,
    };
    if (opts.planId !== undefined && opts.planId !== plan.planId) throw planChanged(db.label);
    if (result.dryRun) return result;
    if (needsApproval(db) && opts.planId === undefined) {
      if (!opts.confirm) {
        throw new KodoError(
          'approval-required',
          `Repairing the migration history of ${db.label} needs approval: run a dry run, show its changes to the user, and repair with the planId of the plan they approved.`,
        );
      }
      if (!(await opts.confirm(plan))) return { ...result, cancelled: true };
    }
    return await withMigrationLock(db, async () => {
      const now = await planRepair(db, versions, opts.status, byVersion);
      if (now.planId !== plan.planId) throw planChanged(db.label);
      await createHistoryTable(db);
      await db.transaction(async (tx) => {
        if (opts.status === 'reverted') return deleteApplied(tx, versions);
        for (const version of versions) {
          const m = byVersion.get(version)!;
          await upsertApplied(tx, {
            version,
            name: m.name,
            statements: m.statements.map((s) => s.sql),
            sha256: m.sha256,
          });
        }
      });
      return result;
    });
  } finally {
    await db.close();
  }
}

type LocalFiles = Map<string, { file: string; sha256: string }>;

/** What would change, and the planId that binds an approval to exactly that (target, status, rows, file contents). */
async function planRepair(
  db: Database,
  versions: string[],
  status: RepairStatus,
  byVersion: LocalFiles,
): Promise<RepairPlan> {
  const applied = new Set((await readHistory(db)).map((h) => h.version));
  const changes: RepairChange[] = versions.map((version) => {
    const file = status === 'applied' ? (byVersion.get(version)?.file ?? null) : null;
    if (status === 'applied') return { version, action: applied.has(version) ? 'update' : 'insert', file };
    return { version, action: applied.has(version) ? 'delete' : 'unchanged', file };
  });
  const planId = planIdFor(
    `repair ${status} ${db.label}`,
    changes.map((c) => ({
      version: `${c.version} ${c.action}`,
      sha256: byVersion.get(c.version)?.sha256 ?? '',
    })),
  );
  return { target: db.label, planId, status, changes };
}

function validateVersions(versions: string[]): string[] {
  if (versions.length === 0) {
    throw new KodoError(
      'bad-input',
      'Name at least one version to repair, for example kodo repair 00102 --status applied.',
    );
  }
  const bad = versions.filter((v) => !/^[0-9]+$/.test(v));
  if (bad.length > 0) {
    throw new KodoError(
      'bad-input',
      `Invalid version ${bad.map((v) => JSON.stringify(v)).join(', ')}: versions are the digits before the first underscore of a file name, like 20240101120000 or 00102.`,
    );
  }
  return [...new Set(versions)];
}
