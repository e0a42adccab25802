// `kodo diff` / MCP diff_schema: two states snapshotted, compared and planned, the plan proven on a throwaway copy of
// the "from" state, and, with a name, written as a new migration through create_migration (so hybrid ranges and
// the even/odd rule apply). Nothing is written unless the proof holds.
import { createMigration } from '../migrations/create.js';
import { type Project, projectOf } from '../project/project.js';
import { compareSnapshots, type Difference } from '../schema/compare.js';
import { planDiff, renderPlan } from '../schema/plan/index.js';
import { takeSnapshot } from '../schema/snapshot.js';
import type { Snapshot } from '../schema/types.js';
import { type Verification, verifyPlan } from '../schema/verify.js';
import { alignVersion } from './align.js';
import { migrationKindOf } from './migration-kind.js';
import { rebuildOnThrowaway } from './rebuild.js';
import { type DiffResult, differenceOut, remainingOut } from './result.js';
import { defaultTo, openSource, type SourceOptions, type StateSource } from './sources.js';

export interface DiffOptions extends SourceOptions {
  from?: string | undefined;
  to?: string | undefined;
  /** Write the verified SQL as a new migration with this name. */
  name?: string | undefined;
  /** Hybrid mode: the workspace whose range the migration takes. */
  workspace?: string | undefined;
}

export async function runDiff(at: string | Project, opts: DiffOptions = {}): Promise<DiffResult> {
  const project = projectOf(at);
  const env = opts.env ?? process.env;
  const fromSpec = opts.from ?? 'migrations';
  const toSpec = opts.to ?? defaultTo(project);
  const from = await openSource(project, fromSpec, opts);
  let fromSnap: Snapshot;
  let toSnap: Snapshot;
  let toLabel: string;
  const aligned: string[] = [];
  let fromOpen = true;
  try {
    fromSnap = await takeSnapshot(from.db);
    if (!from.throwaway) {
      fromOpen = false;
      await from.close();
    }
    const to = await openSource(project, toSpec, opts);
    let toOnServer: boolean;
    try {
      toSnap = await takeSnapshot(to.db);
      toLabel = to.label;
      toOnServer = to.db.kind === 'postgres';
    } finally {
      await to.close();
    }
    // Only a server's snapshot is rebuilt: the embedded side is already the engine's version.
    const fromOnServer = from.db.kind === 'postgres';
    if (toOnServer && fromSnap.serverVersion !== toSnap.serverVersion) {
      const a = await alignVersion(toSnap, fromSnap, toLabel, env);
      toSnap = a.snapshot;
      if (a.warning) aligned.push(a.warning);
    }
    if (fromOnServer && fromSnap.serverVersion !== toSnap.serverVersion) {
      const a = await alignVersion(fromSnap, toSnap, from.label, env);
      fromSnap = a.snapshot;
      if (a.warning) aligned.push(a.warning);
    }
  } catch (e) {
    if (fromOpen) await from.close();
    throw e;
  }
  const diffs = compareSnapshots(fromSnap, toSnap);
  const plan = planDiff(fromSnap, toSnap, diffs);
  const sql = renderPlan(
    plan,
    `kodo diff: from ${from.label} to ${toLabel}; verified on a throwaway database`,
  );
  const implied = new Set(plan.implied);
  const proof = await prove(from, fromSnap, toSnap, diffs, sql, env);
  const warnings = [...aligned, ...plan.warnings, ...proof.warnings, ...unmodeled(fromSnap, toSnap)];
  let path: string | null = null;
  if (opts.name && proof.verification.verified && sql !== '') {
    const kind = migrationKindOf(diffs);
    const created = await createMigration(project.root, {
      name: opts.name,
      sql,
      workspace: opts.workspace,
      kind,
    });
    path = created.path;
  } else if (opts.name && sql === '') {
    warnings.push('the states are equal: no migration was written');
  }
  return {
    from: from.label,
    to: toLabel,
    differences: diffs.filter((d) => !implied.has(d.id)).map(differenceOut),
    sql,
    path,
    verified: proof.verification.verified,
    remaining: remainingOut(proof.verification),
    destructive: plan.destructive,
    warnings,
  };
}

interface Proof {
  verification: Verification;
  warnings: string[];
}

/** Applies the plan to the "from" state on a throwaway database: the replay itself, or a rebuild of it. */
async function prove(
  from: StateSource,
  fromSnap: Snapshot,
  toSnap: Snapshot,
  diffs: Difference[],
  sql: string,
  env: NodeJS.ProcessEnv,
): Promise<Proof> {
  if (diffs.length === 0) {
    if (from.throwaway) await from.close();
    return { verification: { verified: true, remaining: [], error: null }, warnings: [] };
  }
  if (from.throwaway) {
    try {
      return { verification: await verifyPlan(from.db, sql, toSnap), warnings: [] };
    } finally {
      await from.close();
    }
  }
  const rebuilt = await rebuildOnThrowaway(fromSnap, 'rebuild', env);
  try {
    if (!rebuilt.verification.verified) {
      const why = remainingOut(rebuilt.verification).slice(0, 5).join('; ');
      return {
        verification: { ...rebuilt.verification, verified: false },
        warnings: [`${from.label} could not be rebuilt on a throwaway database to prove the diff (${why})`],
      };
    }
    return { verification: await verifyPlan(rebuilt.db, sql, toSnap), warnings: [] };
  } finally {
    await rebuilt.db.close();
  }
}

function unmodeled(a: Snapshot, b: Snapshot): string[] {
  const names = [...new Set([...a.unmodeled, ...b.unmodeled])].sort();
  return names.length > 0 ? [`not compared (kodo does not model them yet): ${names.join(', ')}`] : [];
}
