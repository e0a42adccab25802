// The files one synced migration becomes: the migration with its tracking header, and for a source with a down
// migration (SQLx), its rollback in supabase/rollbacks/, a folder the Supabase CLI never reads (it applies only
// supabase/migrations/<version>_<name>.sql, where a `.down.sql` file would match its pattern and be applied).
import path from 'node:path';
import { MIGRATIONS_DIR } from '../core/project.js';
import { withHeader } from './header.js';
import type { SourceMigration, SyncWorkspace } from './types.js';

export const ROLLBACKS_DIR = 'supabase/rollbacks';
const SHOWN_MIGRATIONS = MIGRATIONS_DIR.split(path.sep).join('/');

export interface FileWrite {
  /** Relative to the project root, forward slashes. */
  file: string;
  content: string;
  /** Replaces an existing file (a --force rewrite), which is backed up first; otherwise the file must not exist. */
  replace: boolean;
}

/** `sources`: what the file holds, in apply order (one when kodo wrote it; several in a hand-combined file). */
export function renderSynced(
  ws: SyncWorkspace,
  sources: SourceMigration[],
  fileName: string,
  replace: boolean,
): FileWrite[] {
  const file = `${SHOWN_MIGRATIONS}/${fileName}`;
  const downs = sources.filter((s) => s.down !== null);
  // A rollback is kept only when it undoes the whole file: one source, with its down migration.
  const rollback = sources.length === 1 && downs.length === 1 ? `${ROLLBACKS_DIR}/${fileName}` : null;
  const header = {
    workspace: ws.detected.name,
    tool: ws.tool,
    sources: sources.map((s) => ({ source: s.source, sha256: s.sha256 })),
    rollback,
    noTransaction: sources.some((s) => s.noTransaction),
  };
  const writes: FileWrite[] = [
    { file, content: withHeader(header, sources.map((s) => s.sql).join('')), replace },
  ];
  if (rollback !== null) {
    const intro = `-- Rollback of ${file}, written by kodo sync from the down migration of ${sources[0]!.source}.\n`;
    writes.push({ file: rollback, content: intro + downs[0]!.down, replace });
  }
  return writes;
}
