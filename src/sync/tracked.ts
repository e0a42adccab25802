// The files in supabase/migrations that kodo sync wrote (or that carry its header): what each records and whether
// its body is still what kodo wrote.
import type { Project } from '../project/project.js';
import { bodySha256, readHeader, type SyncHeader } from './header.js';

export interface TrackedFile {
  /** Relative to the project root (`supabase/migrations/00300_rust_channels.sql`). */
  file: string;
  version: string;
  header: SyncHeader;
  /** The body was changed by hand after kodo wrote it. */
  edited: boolean;
}

/** Every migration with a tracking header, in apply order; read through the Project, so status reads files once. */
export function trackedFiles(project: Project): TrackedFile[] {
  return project.migrations().flatMap((m) => {
    const read = readHeader(m.text);
    if (read === null) return [];
    return [
      {
        file: m.file,
        version: m.version,
        header: read.header,
        edited: bodySha256(read.body) !== read.header.bodySha256,
      },
    ];
  });
}

/** Where each source of `workspace` was synced to (the first file that records it). */
export function targetsOf(workspace: string, tracked: TrackedFile[]): Map<string, TrackedFile> {
  const targets = new Map<string, TrackedFile>();
  for (const t of tracked) {
    if (t.header.workspace !== workspace) continue;
    for (const s of t.header.sources) if (!targets.has(s.source)) targets.set(s.source, t);
  }
  return targets;
}
