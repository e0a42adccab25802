// One workspace's sync plan: new sources get files (versions from the allocator), synced ones are left alone,
// drift is reported, and with --force a drifted or hand-edited file is rewritten from its sources.
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import type { Allocator } from './allocate.js';
import { type ClassifiedSource, classify, isSynced } from './classify.js';
import { type DriftEntry, deletedDrift, driftOf, outOfOrder, type SyncedPair } from './drift.js';
import type { Gathered } from './gather.js';
import { type FileWrite, renderSynced } from './render.js';
import type { TrackedFile } from './tracked.js';
import type { SourceMigration, SyncWorkspace } from './types.js';

export interface PlannedMigration extends SyncedPair {
  action: 'create' | 'rewrite';
}

export interface WorkspacePlan {
  planned: PlannedMigration[];
  writes: FileWrite[];
  synced: SyncedPair[];
  drift: DriftEntry[];
  notes: string[];
}

export function planWorkspace(
  g: Gathered,
  tracked: TrackedFile[],
  alloc: Allocator,
  force: boolean,
): WorkspacePlan {
  const { ws, read } = g;
  const workspace = ws.detected.name;
  const { sources, deleted } = classify(workspace, g.hashes, tracked);
  const plan: WorkspacePlan = { planned: [], writes: [], synced: [], drift: [], notes: [] };
  const bySource = sourcesOf(g);
  for (const c of sources) {
    if (c.target === null) continue;
    const pair = { workspace, source: c.source, target: c.target.file };
    if (isSynced(c)) plan.synced.push(pair);
    plan.drift.push(...driftOf(c, pair));
  }
  for (const d of deleted)
    plan.drift.push(deletedDrift({ workspace, source: d.source, target: d.target.file }));
  if (force) rewrite(ws, sources, bySource, plan);
  const lastSynced = Math.max(-1, ...sources.flatMap((c, i) => (c.target ? [i] : [])));
  for (const [i, c] of sources.entries()) {
    if (c.target !== null) continue;
    const m = bySource(c.source);
    const { fileName } = alloc.next(ws, m.name);
    const writes = renderSynced(ws, [m], fileName, false);
    plan.writes.push(...writes);
    plan.planned.push({ workspace, source: m.source, target: writes[0]!.file, action: 'create' });
    if (i < lastSynced) plan.notes.push(outOfOrder(m, sources[lastSynced]!, writes[0]!.file));
  }
  // A source's notes matter when it is written; the workspace's notes (order, layout) every time.
  const written = new Set(plan.planned.map((p) => p.source));
  plan.notes.push(
    ...(read?.notes ?? []).map((n) => `${workspace}: ${n}`),
    ...(read?.migrations ?? []).flatMap((m) =>
      written.has(m.source) ? m.notes.map((n) => `${m.source}: ${n}`) : [],
    ),
  );
  return plan;
}

/** The converted source; the reader was skipped only when nothing needed SQL, so a miss means the folder changed. */
function sourcesOf(g: Gathered): (source: string) => SourceMigration {
  const bySource = new Map((g.read?.migrations ?? []).map((m) => [m.source, m]));
  return (source) => {
    const m = bySource.get(source);
    if (m) return m;
    throw new KodoError(
      'sync-raced',
      `supabase/migrations changed while kodo sync was reading workspace ${g.ws.detected.name}; run kodo sync again (nothing was written).`,
    );
  };
}

/** --force: each drifted or edited target is rewritten from all the sources it records, when they all exist. */
function rewrite(
  ws: SyncWorkspace,
  sources: ClassifiedSource[],
  bySource: (source: string) => SourceMigration,
  plan: WorkspacePlan,
): void {
  const current = new Set(sources.map((c) => c.source));
  const targets = [...new Set(sources.filter((c) => c.target && !isSynced(c)).map((c) => c.target!))];
  for (const target of targets) {
    if (target.squashed) {
      plan.notes.push(
        `${target.file} is not rewritten although --force was given: kodo squash folded it into one migration; put the change in a new migration of the tool.`,
      );
      continue;
    }
    const missing = target.header.sources.filter((s) => !current.has(s.source)).map((s) => s.source);
    if (missing.length > 0) {
      plan.notes.push(
        `${target.file} is not rewritten although --force was given: it was synced from ${missing.join(', ')}, which no longer exist.`,
      );
      continue;
    }
    const recorded = target.header.sources.map((s) => bySource(s.source));
    const writes = renderSynced(ws, recorded, path.posix.basename(target.file), true);
    plan.writes.push(...writes);
    for (const s of target.header.sources) {
      plan.planned.push({
        workspace: ws.detected.name,
        source: s.source,
        target: target.file,
        action: 'rewrite',
      });
    }
  }
}
