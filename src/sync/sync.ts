// `kodo sync` / `sync_orm`: reads every syncable workspace's migrations, then, under the migrations folder's lock,
// plans each workspace against the tracked files, allocates every new version, and writes all or nothing.
import fs from 'node:fs/promises';
import { withLock } from '../core/lock.js';
import { migrationsDir } from '../core/project.js';
import { Project } from '../project/project.js';
import { formatTimestamp } from '../versions/allocate.js';
import { assertProjectRoot } from '../versions/allocate-version.js';
import { allocator } from './allocate.js';
import { type Gathered, gather } from './gather.js';
import { planWorkspace, type WorkspacePlan } from './plan.js';
import type { SyncResult } from './result.js';
import { trackedFiles } from './tracked.js';
import type { ReadOptions } from './types.js';
import { syncWorkspaces } from './workspaces.js';
import { writeAll } from './write.js';

export interface SyncOptions extends ReadOptions {
  root: string;
  workspace?: string | undefined;
  dryRun?: boolean | undefined;
  force?: boolean | undefined;
  /** The clock: timestamp versions and the backup folder's name (tests pass a fixed one). */
  now?: Date | undefined;
}

/** Where --force keeps what it replaces: outside supabase/migrations, one folder per run. */
export const BACKUP_DIR = '.kodo/sync-backup';

export async function syncOrm(opts: SyncOptions): Promise<SyncResult> {
  await assertProjectRoot(opts.root);
  const { workspaces, skipped } = await syncWorkspaces(opts.root, opts.workspace);
  // Reading may run a tool (alembic): done before the lock, and completely, so a failing reader writes nothing.
  const before = trackedFiles(new Project(opts.root));
  const gathered: Gathered[] = [];
  for (const ws of workspaces) {
    opts.signal?.throwIfAborted();
    gathered.push(await gather(ws, before, opts.force === true, readOptions(opts)));
  }
  const now = opts.now ?? new Date();
  return withLock(migrationsDir(await fs.realpath(opts.root)), async () => {
    const project = new Project(opts.root);
    const tracked = trackedFiles(project);
    const alloc = allocator(
      await project.config(),
      project.versionsInUse().map((f) => f.version),
      now,
    );
    // Every version is allocated here, before any write: a full range fails the run with nothing written.
    const plans = gathered.map((g) => planWorkspace(g, tracked, alloc, opts.force === true));
    const merged = mergePlans(plans);
    const result: SyncResult = {
      workspaces: workspaces.map((ws) => ({
        workspace: ws.detected.name,
        tool: ws.tool,
        migrationsDir: ws.detected.migrationsDir ?? '',
      })),
      ...merged,
      written: [],
      backups: [],
      skipped,
      dryRun: opts.dryRun === true,
    };
    if (opts.dryRun || plans.every((p) => p.writes.length === 0)) return result;
    const outcome = await writeAll(
      opts.root,
      plans.flatMap((p) => p.writes),
      `${BACKUP_DIR}/${formatTimestamp(now)}`,
    );
    return { ...result, ...outcome };
  });
}

function mergePlans(plans: WorkspacePlan[]): Pick<SyncResult, 'planned' | 'synced' | 'drift' | 'notes'> {
  return {
    planned: plans.flatMap((p) => p.planned),
    synced: plans.flatMap((p) => p.synced),
    drift: plans.flatMap((p) => p.drift),
    notes: plans.flatMap((p) => p.notes),
  };
}

function readOptions(opts: SyncOptions): ReadOptions {
  return { signal: opts.signal, ...(opts.env ? { env: opts.env } : {}) };
}
