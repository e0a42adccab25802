// Which migration `kodo rollback <file>` / generate_rollback means: a version, a file name, or a path (relative to
// the project root or absolute). Only files of the migrations folder as kodo lists it can match, so a path trick
// (`../`, a symlink elsewhere) simply names no migration.
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import type { LoadedMigration } from '../migrations/read.js';
import type { Project } from '../project/project.js';
import { compareVersions } from '../versions/grammar.js';

/** The index of the migration `wanted` names in the project's apply order. */
export function findMigration(project: Project, wanted: string): number {
  const all = project.migrations();
  const given = wanted.trim();
  const absolute = path.resolve(project.root, given);
  const index = all.findIndex(
    (m) =>
      m.version === given ||
      path.basename(m.file) === given ||
      m.file === given.split(path.sep).join('/') ||
      m.path === absolute,
  );
  if (index >= 0) return index;
  const newest = all.at(-1);
  throw new KodoError(
    'unknown-migration',
    all.length === 0
      ? 'supabase/migrations has no migrations to roll back.'
      : `No migration in supabase/migrations is "${shown(given)}"; give its version, file name or path (the newest is ${newest!.file}).`,
  );
}

/** The migrations after `index` whose versions sort before `version` (where a new file would be placed). */
export function placedBefore(all: LoadedMigration[], version: string): number {
  return all.filter((m) => compareVersions(m.version, version) < 0).length;
}

/** A file argument is echoed only when it is short and plain (it never holds a secret, but keep errors one line). */
function shown(s: string): string {
  return s.length > 80 || /[\r\n]/.test(s) ? `${s.slice(0, 77).replace(/[\r\n]/g, ' ')}…` : s;
}
