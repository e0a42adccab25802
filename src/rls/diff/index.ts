// `kodo rls diff` (and MCP test_rls with diffSince): resolves where the diff starts, then runs it.
import type { Project } from '../../project/project.js';
import { type AccessDiff, accessDiff } from './access-diff.js';
import { sincePoint } from './since.js';

export type { AccessChange, AccessDiff } from './access-diff.js';

export interface RlsDiffOptions {
  /** A version, "pending" or undefined (the pending migrations). */
  since?: string | undefined;
  /** The database whose history decides what is pending (default embedded). */
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
}

export async function rlsDiff(
  project: Project,
  opts: RlsDiffOptions,
): Promise<AccessDiff & { notes: string[] }> {
  const point = await sincePoint(project, opts.since, opts);
  const diff = await accessDiff(project, {
    sinceIndex: point.index,
    since: point.since,
    env: opts.env,
    signal: opts.signal,
  });
  return { ...diff, notes: point.note ? [point.note] : [] };
}
