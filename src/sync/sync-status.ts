// The sync side of `kodo status` in hybrid mode: per workspace, which ORM migrations are synced (and to which
// file), new, drifted, edited or deleted. Cheap by design: sources are listed with their hashes, never converted
// (alembic's revision files are hashed, Python does not run).
import { isKodoError } from '../core/errors.js';
import type { Project } from '../project/project.js';
import { classify, isSynced } from './classify.js';
import { listSources } from './readers.js';
import { trackedFiles } from './tracked.js';
import type { ReadOptions } from './types.js';
import { syncWorkspaces } from './workspaces.js';

interface Pair {
  source: string;
  target: string;
}

export interface WorkspaceSyncStatus {
  workspace: string;
  tool: string;
  synced: Pair[];
  new: string[];
  /** The source changed after it was synced. */
  drifted: Pair[];
  /** The synced file was edited by hand. */
  edited: Pair[];
  /** The source is gone; its synced file stays. */
  deleted: Pair[];
}

export async function syncStatus(
  project: Project,
  opts: ReadOptions,
): Promise<{ workspaces: WorkspaceSyncStatus[]; warnings: string[] }> {
  const { workspaces } = await syncWorkspaces(project.root);
  const tracked = trackedFiles(project);
  const out: WorkspaceSyncStatus[] = [];
  const warnings: string[] = [];
  for (const ws of workspaces) {
    try {
      const { sources, deleted } = classify(ws.detected.name, await listSources(ws, opts), tracked);
      const pairs = (list: typeof sources) => list.map((c) => ({ source: c.source, target: c.target!.file }));
      out.push({
        workspace: ws.detected.name,
        tool: ws.tool,
        synced: pairs(sources.filter(isSynced)),
        new: sources.filter((c) => c.target === null).map((c) => c.source),
        drifted: pairs(sources.filter((c) => c.changed)),
        edited: pairs(sources.filter((c) => c.edited)),
        deleted: deleted.map((d) => ({ source: d.source, target: d.target.file })),
      });
    } catch (e) {
      // A broken ORM folder must not hide the database's status: it is reported, and kodo sync names it too.
      if (!isKodoError(e)) throw e;
      warnings.push(`Workspace ${ws.detected.name}'s migrations cannot be read: ${e.message}`);
    }
  }
  return { workspaces: out, warnings };
}
