// `up`'s verification: the pending files are linted (earlier migrations as context) before anything is applied,
// and an error-level finding in one of them refuses the run unless the caller passes noVerify.
import type { LintRun } from '../lint/engine.js';
import { lintLoadedProject } from '../lint/project.js';
import type { Finding } from '../lint/types.js';
import type { LoadedMigration } from '../migrations/read.js';
import type { Project } from '../project/project.js';

export interface Verification {
  run: LintRun;
  /** The error-level findings in pending files: the reasons for refusing. */
  errors: Finding[];
}

/** Lints `pending` from the project's files as already read (earlier migrations are context), once. */
export async function verifyPending(project: Project, pending: LoadedMigration[]): Promise<Verification> {
  const run = await lintLoadedProject(project, new Set(pending.map((m) => m.file)));
  return { run, errors: run.findings.filter((f) => f.severity === 'error') };
}
