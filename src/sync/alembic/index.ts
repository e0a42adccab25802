// The Alembic reader: a workspace's revisions in graph order, each converted by Alembic's own offline mode.
import { KodoError } from '../../core/errors.js';
import type { SourceMigration, SourceRead, SourceReader, SyncWorkspace } from '../types.js';
import { listAlembicRevisions } from './listing.js';
import { toSourceMigration } from './migration.js';
import { splitOfflineSql } from './offline-sql.js';
import { runOffline } from './run.js';

export { type AlembicListing, listAlembicRevisions } from './listing.js';
export type { AlembicRevision } from './revision-file.js';

/**
 * The revision graph is read from the files first (no Python: cheap, and it orders branches stably); Alembic then
 * renders every revision's SQL in one offline run, which is checked against the graph so that no revision is
 * synced with another's SQL or with none. Any failure throws before a single migration is returned.
 */
export const readAlembic: SourceReader = async (ws: SyncWorkspace, opts): Promise<SourceRead> => {
  const listing = await listAlembicRevisions(ws);
  if (listing.revisions.length === 0) return { migrations: [], notes: listing.notes };
  const run = await runOffline(ws, listing.config, listing.revisions, opts);
  const offline = splitOfflineSql(run.stdout);
  const steps = new Map(offline.revisions.map((s) => [s.to, s]));
  const migrations: SourceMigration[] = listing.revisions.map((revision) => {
    const step = steps.get(revision.id);
    if (!step) {
      throw new KodoError(
        'alembic-revision-not-run',
        `alembic upgrade heads --sql did not run ${revision.source} (revision ${revision.id}), so nothing of workspace ${ws.detected.name} was synced; check that alembic.ini's version_locations include its folder and that it is reachable from a head.`,
      );
    }
    steps.delete(revision.id);
    return toSourceMigration(revision, step);
  });
  const extra = [...steps.keys()];
  if (extra.length > 0) {
    throw new KodoError(
      'alembic-revision-unlisted',
      `Alembic ran revision ${extra.join(', ')}, which is not in ${migrations[0] ? dirOfSource(migrations[0].source) : 'the versions folder'}, so nothing of workspace ${ws.detected.name} was synced; kodo reads one versions folder, so keep every revision there (or point the workspace's migrationsDir at the folder that has them all).`,
    );
  }
  const notes = [
    ...listing.notes,
    `converted by Alembic ${run.alembicVersion} (SQLAlchemy ${run.sqlalchemyVersion}) in offline mode.`,
  ];
  if (offline.preamble !== '') {
    notes.push(
      `env.py emits SQL before the first revision, which kodo does not copy into any migration: ${offline.preamble.split('\n')[0]}`,
    );
  }
  return { migrations, notes };
};

function dirOfSource(source: string): string {
  return source.slice(0, source.lastIndexOf('/')) || '.';
}
