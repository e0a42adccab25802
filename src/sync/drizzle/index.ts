// The drizzle-kit reader: a workspace's migrations, 0.x journal layout or 1.0 folder layout, in apply order.
import { KodoError } from '../../core/errors.js';
import { isInside, realPathOf } from '../../core/fs.js';
import { migrationsDir as supabaseMigrationsDir } from '../../core/project.js';
import type { SourceRead, SourceReader, SyncWorkspace } from '../types.js';
import { readFolderLayout } from './folder-layout.js';
import { readJournalLayout } from './journal-layout.js';
import { listOut } from './listing.js';
import { relativeSource } from './migration.js';

/**
 * `ws.migrationsDir` is the drizzle config's `out` as detection resolved it (src/detect/probes/drizzle-config.ts,
 * confirmed or found by its meta/_journal.json in src/detect/folders.ts), so the config is not parsed again here.
 */
export const readDrizzle: SourceReader = async (ws: SyncWorkspace): Promise<SourceRead> => {
  const out = ws.migrationsDir;
  const shownOut = relativeSource(ws.root, out) || '.';
  const [realOut, realSupabase] = [realPathOf(out), realPathOf(supabaseMigrationsDir(ws.root))];
  if (realOut === realSupabase) {
    return {
      migrations: [],
      notes: [
        `${shownOut}: drizzle-kit writes its migrations straight into supabase/migrations (its out), so kodo copies nothing.`,
      ],
    };
  }
  // The Supabase CLI skips subfolders of supabase/migrations, so an `out` below it is synced like any other.
  const below = isInside(realOut, realSupabase)
    ? [
        `${shownOut} is a subfolder of supabase/migrations, which the Supabase CLI skips, so its migrations are synced.`,
      ]
    : [];
  const listing = listOut(out);
  if (listing === null) {
    return { migrations: [], notes: [`${shownOut} does not exist yet: drizzle-kit generate has not run.`] };
  }
  if (listing.hasJournal && listing.folders.length > 0) {
    throw new KodoError(
      'drizzle-layout-mixed',
      `${shownOut} holds both meta/_journal.json (drizzle-kit 0.x) and migration folders (drizzle-kit 1.0, e.g. ${listing.folders[0]}); finish the upgrade with drizzle-kit up, or remove the layout you no longer use.`,
    );
  }
  const read = listing.hasJournal
    ? readJournalLayout(ws.root, out, listing)
    : readFolderLayout(ws.root, out, listing);
  return { migrations: read.migrations, notes: [...below, ...read.notes] };
};
