// A workspace's sources against the tracked files: new, synced, drifted (source changed), edited (synced file
// changed by hand), deleted (tracked source gone). Shared by kodo sync and kodo status, which passes only hashes.
import { type TrackedFile, targetsOf } from './tracked.js';

export interface SourceHash {
  source: string;
  sha256: string;
}

export interface ClassifiedSource {
  source: string;
  /** The file it was synced to; null when new. */
  target: TrackedFile | null;
  /** The source's sha256 differs from the one the target recorded. */
  changed: boolean;
  /** The target's body differs from what kodo wrote. */
  edited: boolean;
}

export interface Classification {
  /** Every current source, in the reader's order. */
  sources: ClassifiedSource[];
  /** Sources a tracked file records that the workspace no longer has. */
  deleted: Array<{ source: string; target: TrackedFile }>;
}

export function classify(workspace: string, sources: SourceHash[], tracked: TrackedFile[]): Classification {
  const targets = targetsOf(workspace, tracked);
  const current = new Set(sources.map((s) => s.source));
  return {
    sources: sources.map((s) => {
      const target = targets.get(s.source) ?? null;
      const recorded = target?.header.sources.find((r) => r.source === s.source);
      return {
        source: s.source,
        target,
        changed: recorded !== undefined && recorded.sha256 !== s.sha256,
        edited: target?.edited ?? false,
      };
    }),
    deleted: [...targets]
      .filter(([source]) => !current.has(source))
      .map(([source, target]) => ({ source, target })),
  };
}

export const isSynced = (c: ClassifiedSource) => c.target !== null && !c.changed && !c.edited;
