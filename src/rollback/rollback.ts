// `kodo rollback <file>` / MCP generate_rollback: the reverse of one migration, written as a new forward migration
// (`<version>_rollback_<name>.sql`, in the migration's own range in hybrid mode) only when it is proven: it undoes
// the file on a throwaway database, and the folder still applies with it where its version sorts.

import { migrationKindOf } from '../diff/migration-kind.js';
import { differenceOut, remainingOut } from '../diff/result.js';
import { createMigration } from '../migrations/create.js';
import { type Project, projectOf } from '../project/project.js';
import { allocateFrom } from '../versions/allocate-version.js';
import { migrationFileName } from '../versions/grammar.js';
import { ownerOf } from '../versions/ranges.js';
import { findMigration } from './find.js';
import { checkPlacement } from './placement.js';
import { planRollback } from './plan.js';
import { renderRollback } from './render.js';
import type { RollbackResult } from './result.js';

export interface RollbackOptions {
  /** The migration: its version, file name or path. */
  file: string;
  /** Plan and verify, write nothing. */
  dryRun?: boolean | undefined;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
  /** The clock for a timestamp version (tests). */
  now?: Date | undefined;
}

export async function runRollback(at: string | Project, opts: RollbackOptions): Promise<RollbackResult> {
  const project = projectOf(at);
  const env = opts.env ?? process.env;
  const index = findMigration(project, opts.file);
  const plan = await planRollback(project, index, { env, signal: opts.signal });
  const m = plan.migration;
  const sql = renderRollback(plan, plan.verification.verified);
  const result: RollbackResult = {
    file: m.file,
    path: null,
    version: null,
    sql,
    verified: plan.verification.verified,
    irreversible: plan.irreversible,
    destructive: plan.destructive,
    differences: plan.differences.map(differenceOut),
    remaining: [...remainingOut(plan.verification), ...plan.unproven],
    warnings: plan.warnings,
    dryRun: opts.dryRun ?? false,
  };
  if (!result.verified) return result;
  if (plan.statements.length === 0) {
    result.warnings.push(
      `${m.file} changed no schema object, so there is nothing to roll back and no file was written${plan.irreversible.length > 0 ? '; what it did to rows is listed as irreversible' : ''}`,
    );
    return result;
  }
  const owner = ownerOf(m.version, (await project.owners()) ?? []);
  const kind = migrationKindOf(plan.differences);
  const allocation = allocateFrom(
    await project.config(),
    project.versionsInUse().map((v) => v.version),
    { workspace: owner?.workspace, kind, now: opts.now },
  );
  const name = rollbackName(m.name, owner?.prefix);
  const file = `supabase/migrations/${migrationFileName(allocation.version, name, allocation.prefix ?? undefined)}`;
  result.version = allocation.version;
  const newest = index === project.migrations().length - 1;
  const sortsLast = project.migrations().every((x) => x.version < allocation.version);
  // The proof already ran the rollback right after the file; elsewhere, run it where it will sit.
  const problem =
    newest && sortsLast
      ? null
      : await checkPlacement(
          project,
          { version: allocation.version, file, text: sql },
          { env, signal: opts.signal },
        );
  if (problem) {
    result.verified = false;
    result.sql = renderRollback(plan, false);
    result.remaining.push(problem);
    return result;
  }
  if (result.dryRun) return result;
  const created = await createMigration(project.root, {
    name,
    sql,
    workspace: owner?.workspace,
    kind,
    version: allocation.version,
  });
  result.path = created.path;
  return result;
}

/** `rollback_<name>`, without the range prefix the file name adds back (`node_add_x` → `rollback_add_x`). */
function rollbackName(name: string, prefix: string | undefined): string {
  const bare = prefix && name.startsWith(`${prefix}_`) ? name.slice(prefix.length + 1) : name;
  return `rollback_${bare}`;
}
