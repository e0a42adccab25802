// The revisions of an Alembic workspace in apply order, read without Python: what `kodo status` lists cheaply
// (source, sha256, name per revision) and what `kodo sync` converts.
import path from 'node:path';
import { readDirOrNull } from '../../core/fs.js';
import type { SyncWorkspace } from '../types.js';
import { type AlembicConfig, findAlembicConfig } from './config.js';
import { buildGraph } from './graph.js';
import { type AlembicRevision, readRevisionFile } from './revision-file.js';

export interface AlembicListing {
  config: AlembicConfig;
  /** Parents before children, a merge after all its parents; ties by Create Date, then path. */
  revisions: AlembicRevision[];
  heads: string[];
  notes: string[];
}

/** Alembic's `_only_source_rev_file`: every `.py` except `__init__` and editor lock files (`.#x.py`). */
const REVISION_FILE = /^(?!\.#|__init__).*\.py$/;

export async function listAlembicRevisions(ws: SyncWorkspace): Promise<AlembicListing> {
  const config = await findAlembicConfig(ws);
  const files = revisionFiles(ws.migrationsDir, config.recursive);
  if (files === null) {
    const shown = path.relative(ws.root, ws.migrationsDir).split(path.sep).join('/');
    return { config, revisions: [], heads: [], notes: [`${shown} does not exist yet: no revision to sync.`] };
  }
  const graph = buildGraph(files.map((f) => readRevisionFile(ws.root, f)));
  return { config, revisions: graph.ordered, heads: graph.heads, notes: graph.notes };
}

/** Absolute paths, sorted (the graph decides the order); null when the folder does not exist. */
function revisionFiles(dir: string, recursive: boolean): string[] | null {
  const entries = readDirOrNull(dir);
  if (entries === null) return null;
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive && e.name !== '__pycache__') out.push(...(revisionFiles(full, true) ?? []));
    } else if (REVISION_FILE.test(e.name)) {
      out.push(full);
    }
  }
  return out.sort();
}
