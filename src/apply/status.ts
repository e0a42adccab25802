// `kodo status` / `kodo list`: local files against a database's history, read-only.
import path from 'node:path';
import { exists } from '../core/fs.js';
import { openDatabase } from '../db/open.js';
import { EMBEDDED_DIR } from '../db/pglite.js';
import { parseDatabaseSpec } from '../db/spec.js';
import { type Project, projectOf } from '../project/project.js';
import type { WorkspaceSyncStatus } from '../sync/sync-status.js';
import { compareVersions } from '../versions/grammar.js';
import { readChecksums, readHistory } from './history.js';
import { analysePending } from './pending.js';

export interface StatusOptions {
  root: string;
  /** `embedded` (default), `memory`, `local` or a postgres:// URL. */
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export interface MigrationRow {
  version: string;
  name: string;
  /** Path relative to the project root; null for an applied version with no local file. */
  file: string | null;
  local: boolean;
  applied: boolean;
  /** Applied, but the file changed since (sha256 differs from the recorded one). */
  edited: boolean;
}

export interface StatusResult {
  target: string;
  mode: 'hybrid' | 'supabase-only';
  migrations: MigrationRow[];
  /** Local versions not applied yet (including those in outOfOrder). */
  pending: string[];
  missingLocal: string[];
  /** Pending versions that `up` applies only with --include-all. */
  outOfOrder: string[];
  /** Hybrid mode: pending versions below other services' applied versions; applied normally. */
  crossRange: string[];
  edited: string[];
  /** Hybrid mode: ORM migrations not yet synced into supabase/migrations (kodo sync writes them). */
  unsynced: Array<{ workspace: string; source: string }>;
  /** Hybrid mode: per workspace, its ORM migrations against the synced files. */
  sync: WorkspaceSyncStatus[];
  notes: string[];
  warnings: string[];
}

interface HistoryState {
  label: string;
  history: Awaited<ReturnType<typeof readHistory>>;
  checksums: Map<string, string>;
}

/** The target's history; an embedded database that does not exist yet has none and is not created. */
async function readState(opts: StatusOptions): Promise<HistoryState> {
  const target = parseDatabaseSpec(opts.db, opts.env ?? process.env);
  if (target.kind === 'embedded' && !(await exists(path.join(opts.root, EMBEDDED_DIR)))) {
    return { label: `embedded (${EMBEDDED_DIR}, not created yet)`, history: [], checksums: new Map() };
  }
  const db = await openDatabase(opts.db, { root: opts.root, ...(opts.env ? { env: opts.env } : {}) });
  try {
    return { label: db.label, history: await readHistory(db), checksums: await readChecksums(db) };
  } finally {
    await db.close();
  }
}

export async function migrationStatus(opts: StatusOptions): Promise<StatusResult> {
  const project = projectOf(opts.root);
  const migrations = project.migrations();
  const config = await project.config();
  // Reading status must not create the embedded database (a 28 MB folder) as a side effect.
  const { label, history, checksums } = await readState(opts);
  const analysis = analysePending({
    local: migrations,
    applied: history.map((h) => h.version),
    checksums,
    owners: await project.owners(),
  });
  const appliedNames = new Map(history.map((h) => [h.version, h.name]));
  const edited = new Set(analysis.edited.map((m) => m.version));
  const rows: MigrationRow[] = migrations.map((m) => ({
    version: m.version,
    name: m.name,
    file: m.file,
    local: true,
    applied: appliedNames.has(m.version),
    edited: edited.has(m.version),
  }));
  for (const version of analysis.missingLocal) {
    rows.push({
      version,
      name: appliedNames.get(version) ?? '',
      file: null,
      local: false,
      applied: true,
      edited: false,
    });
  }
  rows.sort((a, b) => compareVersions(a.version, b.version));
  const sync = await syncSide(project, config.mode, opts);
  return {
    target: label,
    mode: config.mode,
    migrations: rows,
    pending: analysis.pending.map((m) => m.version),
    missingLocal: analysis.missingLocal,
    outOfOrder: analysis.outOfOrder.map((m) => m.version),
    crossRange: analysis.crossRange.map((c) => c.file.version),
    edited: analysis.edited.map((m) => m.version),
    unsynced: sync.workspaces.flatMap((w) => w.new.map((source) => ({ workspace: w.workspace, source }))),
    sync: sync.workspaces,
    notes: analysis.crossRange.map((c) => c.message),
    warnings: [
      ...project.folder().warnings.map((w) => w.message),
      ...editedWarnings(analysis.edited, label),
      ...sync.warnings,
    ],
  };
}

/** The three-way view (ORM sources, synced files, history) exists only in hybrid mode; loaded only there. */
async function syncSide(project: Project, mode: StatusResult['mode'], opts: StatusOptions) {
  if (mode !== 'hybrid') return { workspaces: [], warnings: [] };
  const { syncStatus } = await import('../sync/sync-status.js');
  return syncStatus(project, opts.env ? { env: opts.env } : {});
}

export function editedWarnings(edited: Array<{ file: string }>, target: string): string[] {
  return edited.map(
    (m) =>
      `${m.file} changed after it was applied to ${target} (its sha256 differs from the recorded one); put further changes in a new migration.`,
  );
}
