// The workspaces kodo sync reads: detection's workspaces whose migration tool has a reader, resolved to absolute
// folders; the others are skipped with the reason, and `--workspace` picks one by name.
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { type DetectedWorkspace, detectProject } from '../detect/detect.js';
import { isSyncTool } from './readers.js';
import type { SyncWorkspace } from './types.js';

export interface SyncWorkspaces {
  mode: 'hybrid' | 'supabase-only';
  workspaces: SyncWorkspace[];
  skipped: Array<{ workspace: string; reason: string }>;
}

export async function syncWorkspaces(root: string, wanted?: string): Promise<SyncWorkspaces> {
  const detected = await detectProject(root);
  const all = detected.workspaces;
  const chosen = wanted === undefined ? all : all.filter((w) => w.name === wanted);
  if (wanted !== undefined && chosen.length === 0) {
    const names = all.map((w) => w.name);
    throw new KodoError(
      'workspace-unknown',
      names.length === 0
        ? `Unknown workspace "${wanted}": kodo detected no workspace in this project; run kodo detect to see why.`
        : `Unknown workspace "${wanted}"; use one of: ${names.join(', ')}.`,
    );
  }
  const result: SyncWorkspaces = { mode: detected.mode, workspaces: [], skipped: [] };
  for (const ws of chosen) {
    const reason = whyNot(ws, detected.mode);
    if (reason === null) result.workspaces.push(resolve(root, ws));
    else result.skipped.push({ workspace: ws.name, reason });
  }
  if (wanted !== undefined && result.skipped.length > 0) {
    throw new KodoError(
      'workspace-not-syncable',
      `Workspace "${wanted}" cannot be synced: ${result.skipped[0]!.reason}.`,
    );
  }
  return result;
}

function whyNot(ws: DetectedWorkspace, mode: SyncWorkspaces['mode']): string | null {
  if (!ws.supported || !isSyncTool(ws.migrationTool)) {
    return ws.migrationTool === null
      ? 'no migration tool detected (plain SQL is written straight into supabase/migrations)'
      : `kodo cannot sync ${ws.migrationTool} migrations (only drizzle-kit, alembic and sqlx-cli)`;
  }
  if (ws.migrationsDir === null) return `its ${ws.migrationTool} migrations folder was not found`;
  if (mode === 'hybrid' && ws.range === null) {
    return 'it has no range in .kodo/config.json, so its files would have no version; add it there with a serviceRange';
  }
  return null;
}

function resolve(root: string, ws: DetectedWorkspace): SyncWorkspace {
  return {
    detected: ws,
    tool: ws.migrationTool as SyncWorkspace['tool'],
    root,
    dir: path.join(root, ws.path ?? '.'),
    migrationsDir: path.join(root, ws.migrationsDir!),
  };
}
