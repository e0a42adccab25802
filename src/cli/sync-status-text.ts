// The "Sync" section of `kodo status` in hybrid mode: per workspace, its ORM migrations against the synced files,
// beside the history table (the seed's "Sync Status (Multi-Service)" view).
import type { WorkspaceSyncStatus } from '../sync/sync-status.js';

export function syncStatusSection(workspaces: WorkspaceSyncStatus[]): string {
  if (workspaces.length === 0) return '';
  const blocks = workspaces.map((w) => {
    const lines = [
      ...w.synced.map((p) => `    synced   ${p.source} → ${p.target}`),
      ...w.new.map((s) => `    new      ${s} (not synced: run kodo sync)`),
      ...w.drifted.map((p) => `    drifted  ${p.source} changed after it was synced to ${p.target}`),
      ...w.edited.map((p) => `    edited   ${p.target} was edited by hand after syncing ${p.source}`),
      ...w.deleted.map((p) => `    deleted  ${p.source} is gone; ${p.target} stays`),
    ];
    return [`  ${w.workspace} (${w.tool})`, ...(lines.length > 0 ? lines : ['    no migrations'])].join('\n');
  });
  return `Sync (ORM migrations → supabase/migrations):\n${blocks.join('\n')}`;
}
