// `kodo dump` / MCP diff_schema with dump: the SQL that recreates a state from an empty Supabase database — the
// planner on "empty → state" — proven by running it on a fresh throwaway database and comparing. Squash stands on it.
import { type Project, projectOf } from '../project/project.js';
import { takeSnapshot } from '../schema/snapshot.js';
import { rebuildOnThrowaway } from './rebuild.js';
import { type DumpResult, remainingOut } from './result.js';
import { openSource, type SourceOptions } from './sources.js';

export interface DumpOptions extends SourceOptions {
  from?: string | undefined;
}

export async function runDump(at: string | Project, opts: DumpOptions = {}): Promise<DumpResult> {
  const project = projectOf(at);
  const source = await openSource(project, opts.from ?? 'migrations', opts);
  let state: Awaited<ReturnType<typeof takeSnapshot>>;
  try {
    state = await takeSnapshot(source.db);
  } finally {
    await source.close();
  }
  const rebuilt = await rebuildOnThrowaway(
    state,
    `kodo dump of ${source.label}; verified on a throwaway database`,
    opts.env ?? process.env,
  );
  await rebuilt.db.close();
  const names = state.unmodeled;
  return {
    from: source.label,
    sql: rebuilt.sql,
    verified: rebuilt.verification.verified,
    remaining: remainingOut(rebuilt.verification),
    warnings: [
      ...rebuilt.plan.warnings,
      ...(names.length > 0 ? [`not dumped (kodo does not model them yet): ${names.join(', ')}`] : []),
    ],
  };
}
