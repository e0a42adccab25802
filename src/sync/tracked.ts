// The files in supabase/migrations that kodo sync wrote (or that carry its header): what each records and whether
// its body is still what kodo wrote. Synced files that kodo squash folded into one file are still tracked from
// their copies in .kodo/squashed/, so sync does not write their sources again.
import type { Project } from '../project/project.js';
import { bodySha256, readHeader, type SyncHeader } from './header.js';

export interface TrackedFile {
  /** Relative to the project root (`supabase/migrations/00300_rust_channels.sql`). */
  file: string;
  version: string;
  header: SyncHeader;
  /** The body was changed by hand after kodo wrote it. */
  edited: boolean;
  /** Folded by kodo squash: `file` is its copy under .kodo/squashed/, never rewritten. */
  squashed: boolean;
}

/** Every migration with a tracking header, in apply order; read through the Project, so status reads files once. */
export function trackedFiles(project: Project): TrackedFile[] {
  const squashed = project.retired().map((o) => ({ ...o, squashed: true }));
  return [...squashed, ...project.migrations().map((m) => ({ ...m, squashed: false }))].flatMap((m) => {
    const read = readHeader(m.text);
    if (read === null) return [];
    return [
      {
        file: m.file,
        version: m.version,
        header: read.header,
        edited: bodySha256(read.body) !== read.header.bodySha256,
        squashed: m.squashed,
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
