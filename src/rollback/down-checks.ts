// What `kodo down` makes sure of before it changes anything: the history it rolls back is a prefix of the local
// files (so the replay behind each rollback is what the database went through), and the database's schema is the
// one those files made (a hand change would otherwise be "rolled back" into something nobody planned).

import type { HistoryRow } from '../apply/history.js';
import { KodoError } from '../core/errors.js';
import { alignVersion } from '../diff/align.js';
import type { LoadedMigration } from '../migrations/read.js';
import { compareSnapshots, summaryLine } from '../schema/compare.js';
import type { Snapshot } from '../schema/types.js';

/** The indexes (newest first) of the `last` applied migrations; refuses a history the local files do not explain. */
export function stepsToRevert(
  history: HistoryRow[],
  local: LoadedMigration[],
  last: number,
  label: string,
): number[] {
  if (!Number.isInteger(last) || last < 1) {
    throw new KodoError(
      'invalid-option',
      `--last must be a whole number of migrations, 1 or more (got ${last}).`,
    );
  }
  if (history.length === 0) {
    throw new KodoError(
      'nothing-applied',
      `${label} has no applied migrations, so there is nothing to roll back.`,
    );
  }
  const missing = history.find((h, i) => local[i]?.version !== h.version);
  if (missing) {
    const file = local.find((m) => m.version === missing.version);
    throw new KodoError(
      'history-not-prefix',
      file
        ? `${label} has ${missing.version} applied but not every local migration before it (kodo status shows which); kodo down rolls back only a history that is the first files of supabase/migrations — apply or repair the others first.`
        : `${label} has version ${missing.version} applied but supabase/migrations has no file for it, so kodo cannot know what it did; restore the file (or kodo repair ${missing.version} --status reverted if it was never really applied).`,
    );
  }
  if (last > history.length) {
    throw new KodoError(
      'invalid-option',
      `--last ${last} is more than the ${history.length} migration(s) applied to ${label}; use --last ${history.length} at most (or kodo reset to rebuild it).`,
    );
  }
  return Array.from({ length: last }, (_, i) => history.length - 1 - i);
}

/** Refuses when the database's schema is not the one the applied files give (compared on one Postgres version). */
export async function assertNoDrift(
  actual: Snapshot,
  expected: Snapshot,
  label: string,
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  const aligned = await alignVersion(actual, expected, label, env);
  const drift = compareSnapshots(expected, aligned.snapshot);
  if (drift.length === 0) return aligned.warning;
  const shown = drift.slice(0, 3).map(summaryLine).join('; ');
  throw new KodoError(
    'schema-drift',
    `${label} differs from what its applied migrations build (${shown}${drift.length > 3 ? `; ${drift.length - 3} more` : ''}), so kodo down will not roll it back; see kodo diff --from migrations --to ${label.startsWith('embedded') ? 'embedded' : 'local'}, then make a migration of the change or undo it.`,
  );
}
