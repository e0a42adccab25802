// Runs the catalog advisors on SQL fixtures, on a real database (PGlite or the PostgreSQL server): each case's
// files are applied inside a trial transaction that is rolled back, so one database serves every case of a target.

import type { Skipped } from '../../src/advisors/advise.js';
import { type Advised, advise } from '../../src/advisors/advise.js';
import type { AdvisorFinding } from '../../src/advisors/types.js';
import { beginTrial } from '../../src/apply/trial.js';
import type { Database } from '../../src/db/database.js';
import { lint } from '../../src/lint/engine.js';

/** A case's migrations, in order: file name (under supabase/migrations) → SQL. */
export type Files = Record<string, string>;

export const MIGRATIONS = 'supabase/migrations';

export interface AdviseRun {
  findings: AdvisorFinding[];
  advised: Advised[];
  skipped: Skipped[];
}

/**
 * Applies `files` to `db` (rolled back afterwards) and runs every check at every level, with the migrations' model
 * so findings name their files. `apiSchemas` defaults to public, as Supabase's.
 */
export async function adviseFiles(
  db: Database,
  files: Files,
  opts: { apiSchemas?: string[]; statistics?: boolean } = {},
): Promise<AdviseRun> {
  const inputs = Object.entries(files).map(([name, text]) => ({ path: `${MIGRATIONS}/${name}`, text }));
  const { model } = await lint(inputs, { rules: [] });
  const trial = await beginTrial(db);
  try {
    for (const input of inputs) await trial.db.exec(input.text);
    const { advised, skipped } = await advise(trial.db, {
      apiSchemas: opts.apiSchemas ?? ['public'],
      statistics: opts.statistics ?? false,
      level: 'info',
      model,
    });
    return { findings: advised.map((a) => a.finding), advised, skipped };
  } finally {
    await trial.end();
  }
}

/** The findings of one rule, without help (asserted once per rule, not per case). */
export function of(run: AdviseRun, rule: string): Omit<AdvisorFinding, 'help'>[] {
  return run.findings.filter((f) => f.rule === rule).map(({ help: _, ...f }) => f);
}
