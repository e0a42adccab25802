// Human text for `kodo sync`: per workspace what was (or would be) written, what is synced, what drifted; then the
// skipped workspaces, notes, backups and one closing line.
import type { SyncResult } from '../sync/result.js';

export function syncText(r: SyncResult): string {
  const verb = r.dryRun ? 'would write' : 'wrote';
  const blocks = r.workspaces.map(({ workspace: ws, tool, migrationsDir }) => {
    const mine = <T extends { workspace: string }>(list: T[]) => list.filter((e) => e.workspace === ws);
    const empty = mine(r.planned).length + mine(r.synced).length + mine(r.drift).length === 0;
    return [
      `${ws} (${tool}, ${migrationsDir})${empty ? ': no migrations' : ':'}`,
      ...mine(r.planned).map(
        (p) => `  ${p.action === 'create' ? verb : `${verb} (rewrite)`} ${p.target} ← ${p.source}`,
      ),
      ...mine(r.synced).map((s) => `  synced ${s.source} → ${s.target}`),
      ...mine(r.drift).map((d) => `  ${d.kind}: ${d.reason}`),
    ].join('\n');
  });
  const tail = [
    ...r.skipped.map((s) => `skipped ${s.workspace}: ${s.reason}.`),
    ...r.backups.map((b) => `backed up ${b.file} to ${b.backup}`),
    ...r.notes.map((n) => `note: ${n}`),
  ];
  return [...blocks, ...(tail.length > 0 ? [tail.join('\n')] : []), closing(r)].join('\n\n');
}

function closing(r: SyncResult): string {
  const files = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
  const drift =
    r.drift.length > 0
      ? `; ${r.drift.length} drift ${r.drift.length === 1 ? 'entry needs' : 'entries need'} attention`
      : '';
  if (r.dryRun)
    return `Dry run: would write ${files(new Set(r.planned.map((p) => p.target)).size)}, nothing written${drift}.`;
  if (r.written.length === 0) return `Nothing to write: every source is synced${drift}.`;
  return `Wrote ${files(r.written.length)}${drift}.`;
}
