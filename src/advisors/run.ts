// `kodo advisors` / MCP `get_advisors`: splinter's checks on an applied catalog, as `supabase db advisors` runs
// them: --type chooses the category, --level the lowest level shown, --fail-on the level that fails the run.
import { openAppliedState } from '../apply/applied-state.js';
import type { Project } from '../project/project.js';
import { advise, type Skipped } from './advise.js';
import { modelOf } from './origins.js';
import { type AdvisorFinding, atLeast, type Category, type Level, levelOf } from './types.js';

export type FailOn = 'none' | Level;
export type AdvisorType = 'all' | Category;

export const LEVELS: readonly Level[] = ['info', 'warn', 'error'];
export const FAIL_ON: readonly FailOn[] = ['none', ...LEVELS];
export const TYPES: readonly AdvisorType[] = ['all', 'security', 'performance'];

export interface AdvisorsOptions {
  /** Undefined: the migrations replayed on a throwaway database; otherwise a database read as it is. */
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** The lowest level shown (default warn, as `supabase db advisors`). */
  level?: Level;
  /** A shown finding at or above this level fails the run (default none). */
  failOn?: FailOn;
  type?: AdvisorType;
  signal?: AbortSignal | undefined;
  onProgress?: (done: number, total: number, file: string) => void | Promise<void>;
  cache?: boolean;
}

export interface AdvisorsResult {
  target: string;
  findings: AdvisorFinding[];
  /** A shown finding is at or above failOn. */
  failed: boolean;
  /** Checks that did not run here, and why. */
  skipped: Skipped[];
  warnings: string[];
}

export async function runAdvisors(project: Project, opts: AdvisorsOptions = {}): Promise<AdvisorsResult> {
  const apiSchemas = project.apiSchemas();
  // A replay names the file behind each object: the model is parsed while the database replays.
  const model = opts.db === undefined ? modelOf(project) : undefined;
  model?.catch(() => undefined);
  const state = await openAppliedState(project, {
    db: opts.db,
    env: opts.env,
    signal: opts.signal,
    onProgress: opts.onProgress,
    cache: opts.cache,
  });
  try {
    const { advised, skipped } = await advise(state.db, {
      apiSchemas,
      statistics: !state.replayed,
      level: opts.level ?? 'warn',
      type: opts.type ?? 'all',
      model: await model,
    });
    const findings = advised.map((a) => a.finding);
    const failOn = opts.failOn ?? 'none';
    return {
      target: state.target,
      findings,
      failed: failOn !== 'none' && findings.some((f) => atLeast(levelOf(f.severity), failOn)),
      skipped,
      warnings: state.warnings,
    };
  } finally {
    await state.close();
  }
}
