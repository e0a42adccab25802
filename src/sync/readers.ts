// The registry of ORM readers, one per migration tool detection reports. A reader that runs a process (alembic)
// also has a cheap listing of its sources (paths and hashes, no process), so status and an already-synced workspace
// never pay for the conversion.
import { listAlembicRevisions, readAlembic } from './alembic/index.js';
import type { SourceHash } from './classify.js';
import { readDrizzle } from './drizzle/index.js';
import { readSqlx } from './sqlx/index.js';
import type { ReadOptions, SourceReader, SyncTool, SyncWorkspace } from './types.js';

export interface ReaderEntry {
  read: SourceReader;
  /** Only where reading is expensive: the sources' identities and hashes, equal to what `read` would return. */
  list?: (ws: SyncWorkspace) => Promise<SourceHash[]>;
}

const READERS: Record<SyncTool, ReaderEntry> = {
  alembic: {
    read: readAlembic,
    list: async (ws) =>
      (await listAlembicRevisions(ws)).revisions.map((r) => ({ source: r.source, sha256: r.sha256 })),
  },
  'drizzle-kit': { read: readDrizzle },
  'sqlx-cli': { read: readSqlx },
};

export function isSyncTool(tool: string | null): tool is SyncTool {
  return tool !== null && Object.hasOwn(READERS, tool);
}

export function readerOf(tool: SyncTool): ReaderEntry {
  return READERS[tool];
}

/** The sources' hashes the cheapest way: the listing when there is one, else the (cheap) reader. */
export async function listSources(ws: SyncWorkspace, opts: ReadOptions): Promise<SourceHash[]> {
  const entry = readerOf(ws.tool);
  if (entry.list) return entry.list(ws);
  return (await entry.read(ws, opts)).migrations.map((m) => ({ source: m.source, sha256: m.sha256 }));
}
