// `kodo repair`: edits the history table only, like `supabase migration repair`; never runs migration SQL.
//
// `applied` upserts the CLI's row (version, name, split statements) from the local file, plus its checksum, so it
// needs that file. `reverted` deletes the rows and needs nothing local.
import { KodoError } from '../core/errors.js';
import { openDatabase } from '../db/open.js';
import { createHistoryTable, deleteApplied, readHistory, upsertApplied } from './history.js';
import { withMigrationLock } from './lock.js';
import { loadMigrationProject } from './project.js';

export type RepairStatus = 'applied' | 'reverted';

export interface RepairOptions {
  root: string;
  versions: string[];
  status: RepairStatus;
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Report what would change without writing. */
  dryRun?: boolean;
}

export interface RepairChange {
  version: string;
  /** What happens to the history row: inserted, updated (already there, refreshed), deleted, or unchanged. */
  action: 'insert' | 'update' | 'delete' | 'unchanged';
  /** The local file the row was taken from (`applied` only). */
  file: string | null;
}

export interface RepairResult {
  target: string;
  status: RepairStatus;
  dryRun: boolean;
  repaired: string[];
  changes: RepairChange[];
}

export async function repairHistory(opts: RepairOptions): Promise<RepairResult> {
  const versions = validateVersions(opts.versions);
  const project = await loadMigrationProject(opts.root);
  const byVersion = new Map<string, (typeof project.migrations)[number]>();
  // Like the CLI's glob, the first file of a version (in file-name order) is the one used.
  for (const m of project.migrations) if (!byVersion.has(m.version)) byVersion.set(m.version, m);
  if (opts.status === 'applied') {
    const missing = versions.filter((v) => !byVersion.has(v));
    if (missing.length > 0) {
      throw new KodoError(
        'no-local-file',
        `No local file for version ${missing.join(', ')} in supabase/migrations; repair --status applied records a file's statements, so restore or create the file first (or use --status reverted to drop the row).`,
      );
    }
  }
  const db = await openDatabase(opts.db, { root: opts.root, ...(opts.env ? { env: opts.env } : {}) });
  try {
    return await withMigrationLock(db, async () => {
      const applied = new Set((await readHistory(db)).map((h) => h.version));
      const changes: RepairChange[] = versions.map((version) => {
        const file = opts.status === 'applied' ? (byVersion.get(version)?.file ?? null) : null;
        if (opts.status === 'applied')
          return { version, action: applied.has(version) ? 'update' : 'insert', file };
        return { version, action: applied.has(version) ? 'delete' : 'unchanged', file };
      });
      if (!opts.dryRun) {
        await createHistoryTable(db);
        await db.transaction(async (tx) => {
          if (opts.status === 'reverted') return deleteApplied(tx, versions);
          for (const version of versions) {
            const m = byVersion.get(version)!;
            await upsertApplied(tx, {
              version,
              name: m.name,
              statements: m.statements.map((s) => s.sql),
              sha256: m.sha256,
            });
          }
        });
      }
      return {
        target: db.label,
        status: opts.status,
        dryRun: opts.dryRun ?? false,
        repaired: versions,
        changes,
      };
    });
  } finally {
    await db.close();
  }
}

function validateVersions(versions: string[]): string[] {
  if (versions.length === 0) {
    throw new KodoError(
      'bad-input',
      'Name at least one version to repair, for example kodo repair 00102 --status applied.',
    );
  }
  const bad = versions.filter((v) => !/^[0-9]+$/.test(v));
  if (bad.length > 0) {
    throw new KodoError(
      'bad-input',
      `Invalid version ${bad.map((v) => JSON.stringify(v)).join(', ')}: versions are the digits before the first underscore of a file name, like 20240101120000 or 00102.`,
    );
  }
  return [...new Set(versions)];
}
