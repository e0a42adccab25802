// The sentences of drift: what changed since a source was synced, and what to do about it.
import type { ClassifiedSource } from './classify.js';
import type { SourceMigration } from './types.js';

export interface SyncedPair {
  workspace: string;
  source: string;
  target: string;
}
export interface DriftEntry extends SyncedPair {
  kind: 'changed' | 'edited' | 'deleted';
  reason: string;
}

/** A synced source's drift: its own change, a hand edit of its file, or both. */
export function driftOf(c: ClassifiedSource, pair: SyncedPair): DriftEntry[] {
  const out: DriftEntry[] = [];
  if (c.changed)
    out.push({
      ...pair,
      kind: 'changed',
      reason: `${c.source} changed after it was synced to ${pair.target}; put the change in a new migration of the tool, or run kodo sync --force to rewrite ${pair.target} (databases that applied it will not run it again).`,
    });
  if (c.edited)
    out.push({
      ...pair,
      kind: 'edited',
      reason: `${pair.target} was edited by hand after kodo sync wrote it, so kodo leaves it alone; run kodo sync --force to rewrite it from ${c.source} (a backup is kept).`,
    });
  return out;
}

export function deletedDrift(pair: SyncedPair): DriftEntry {
  return {
    ...pair,
    kind: 'deleted',
    reason: `${pair.source} no longer exists, but ${pair.target} was synced from it; remove the migration with a new one if it should be undone, or restore the source.`,
  };
}

/** A new source placed before one already synced still runs after it: said, as it may depend on running first. */
export function outOfOrder(m: SourceMigration, later: ClassifiedSource, file: string): string {
  return `${m.source} comes before ${later.source} in its tool's order, but ${later.source} was already synced to ${later.target!.file}, so ${file} runs after it; check that it does not need to run first.`;
}
