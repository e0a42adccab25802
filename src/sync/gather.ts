// What kodo sync knows of one workspace's sources before planning: their hashes always, and their converted SQL
// only when something is to be written. An expensive reader (alembic runs Python) is not run for a workspace whose
// sources are all synced, so a second `kodo sync` neither writes nor converts anything.
import { classify, type SourceHash } from './classify.js';
import { readerOf } from './readers.js';
import type { TrackedFile } from './tracked.js';
import type { ReadOptions, SourceRead, SyncWorkspace } from './types.js';

export interface Gathered {
  ws: SyncWorkspace;
  hashes: SourceHash[];
  /** null when the reader was not run: every source was synced and unchanged when the listing was taken. */
  read: SourceRead | null;
}

export async function gather(
  ws: SyncWorkspace,
  tracked: TrackedFile[],
  force: boolean,
  opts: ReadOptions,
): Promise<Gathered> {
  const entry = readerOf(ws.tool);
  if (!entry.list) {
    const read = await entry.read(ws, opts);
    return { ws, hashes: read.migrations.map((m) => ({ source: m.source, sha256: m.sha256 })), read };
  }
  const hashes = await entry.list(ws);
  const { sources } = classify(ws.detected.name, hashes, tracked);
  // New sources need their SQL, and so do drifted or edited files that --force rewrites.
  const needed = sources.some((c) => c.target === null || (force && (c.changed || c.edited)));
  return { ws, hashes, read: needed ? await entry.read(ws, opts) : null };
}
