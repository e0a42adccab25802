// `up`'s verification: the pending files are linted (earlier migrations as context) before anything is applied,
// and an error-level finding in one of them refuses the run unless the caller passes noVerify.
import type { LintRun } from '../lint/engine.js';
import { lintProject } from '../lint/project.js';
import type { Finding } from '../lint/types.js';
import type { LoadedMigration } from '../migrations/read.js';

export interface Verification {
  run: LintRun;
  /** The error-level findings in pending files: the reasons for refusing. */
  errors: Finding[];
}

/**
 * Lints `pending` once: when every migration is pending the folder is named (one listing), otherwise the pending
 * files, whose earlier siblings lint adds as context.
 */
export async function verifyPending(
  root: string,
  pending: LoadedMigration[],
  all: LoadedMigration[],
): Promise<Verification> {
  const paths = pending.length === all.length ? undefined : pending.map((m) => m.file);
  const run = await lintProject({ cwd: root, ...(paths ? { paths } : {}) });
  return { run, errors: run.findings.filter((f) => f.severity === 'error') };
}
