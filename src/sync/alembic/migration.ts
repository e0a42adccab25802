// One Alembic revision and its offline SQL turned into a SourceMigration.
import type { SourceMigration } from '../types.js';
import type { RevisionSql } from './offline-sql.js';
import type { AlembicRevision } from './revision-file.js';

/**
 * A revision that emits no SQL (a merge, an `upgrade()` that only passes) still becomes a file, holding one comment:
 * one synced file per revision keeps tracking uniform, so status shows the merge as synced, a later edit to it is
 * drift like any other, and the Supabase history mirrors Alembic's. A comment-only file applies as nothing.
 */
export function toSourceMigration(revision: AlembicRevision, step: RevisionSql): SourceMigration {
  const notes: string[] = [];
  const merge = revision.downRevisions.length > 1;
  let sql = step.sql;
  if (sql === '') {
    notes.push(merge ? 'merge revision: no SQL' : 'no SQL: upgrade() emits nothing offline');
    sql = merge
      ? `-- Alembic merge revision ${revision.id} (of ${revision.downRevisions.join(', ')}): no SQL.`
      : `-- Alembic revision ${revision.id}: no SQL.`;
  }
  if (step.autocommit) {
    notes.push(
      'runs statements in op.get_context().autocommit_block() (outside a transaction); the Supabase CLI runs a file in one transaction, so move statements such as CREATE INDEX CONCURRENTLY into a migration of their own.',
    );
  }
  return {
    source: revision.source,
    sha256: revision.sha256,
    name: revision.name,
    sql: `${sql}\n`,
    noTransaction: false,
    down: null,
    notes,
  };
}
