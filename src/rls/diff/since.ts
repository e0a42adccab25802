// Where `kodo rls diff` starts: after a version the user names, or before the first migration the database has
// not applied (the embedded database by default; with no embedded database yet, the newest file alone, which is
// what a pull request usually adds).
import { migrationStatus } from '../../apply/status.js';
import { KodoError } from '../../core/errors.js';
import type { Project } from '../../project/project.js';
import { compareVersions } from '../../versions/grammar.js';

export interface SincePoint {
  /** Files before this index form the state "before". */
  index: number;
  since: string | null;
  note: string | null;
}

export async function sincePoint(
  project: Project,
  since: string | undefined,
  opts: { db?: string | undefined; env?: NodeJS.ProcessEnv },
): Promise<SincePoint> {
  const migrations = project.migrations();
  if (since !== undefined && since !== 'pending') {
    if (!/^[0-9]+$/.test(since)) {
      throw new KodoError(
        'invalid-since',
        `--since must be a migration version (digits), or "pending"; got "${since}".`,
      );
    }
    const index = migrations.filter((m) => compareVersions(m.version, since) <= 0).length;
    return { index, since, note: null };
  }
  const status = await migrationStatus({ root: project.root, db: opts.db, env: opts.env });
  const pending = new Set(status.pending);
  const first = migrations.findIndex((m) => pending.has(m.version));
  if (status.migrations.some((m) => m.applied)) {
    const index = first === -1 ? migrations.length : first;
    return { index, since: index > 0 ? migrations[index - 1]!.version : null, note: null };
  }
  const index = Math.max(0, migrations.length - 1);
  return {
    index,
    since: index > 0 ? migrations[index - 1]!.version : null,
    note: `${status.target} has no migration applied, so the diff covers the newest file only; name a version with --since to cover more.`,
  };
}
