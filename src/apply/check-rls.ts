// `kodo check --rls`: after a check whose migrations all applied, the access diff of the new migrations (those
// the embedded database has not applied, or the newest file when it has none), as `kodo rls diff` runs it. A
// leak still open after the last file fails the check. Loaded only when asked for: the matrix is not small.
import type { Project } from '../project/project.js';
import type { AccessChange } from '../rls/diff/index.js';

export interface CheckRls {
  since: string | null;
  files: string[];
  changes: AccessChange[];
  /** The leaks the new files opened that no later file closed: each fails the check. */
  open: AccessChange[];
  notes: string[];
}

export async function checkRls(
  project: Project,
  opts: { env?: NodeJS.ProcessEnv | undefined; signal?: AbortSignal | undefined },
): Promise<CheckRls> {
  const { rlsDiff } = await import('../rls/diff/index.js');
  const diff = await rlsDiff(project, { env: opts.env, signal: opts.signal });
  return { since: diff.since, files: diff.files, changes: diff.changes, open: diff.open, notes: diff.notes };
}
