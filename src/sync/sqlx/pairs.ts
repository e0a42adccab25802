// One migration per version: a simple file, or an up file with its down file. sqlx-cli refuses a folder where a
// version is claimed twice; kodo refuses it too, and an up without its down (or the reverse), before reading any SQL.
import { KodoError } from '../../core/errors.js';
import type { SqlxFile } from './files.js';

export interface SqlxMigration {
  version: bigint;
  description: string;
  /** The simple or up file. */
  up: SqlxFile;
  down: SqlxFile | null;
}

/** In numeric version order (sqlx sorts by the i64, so `10_x` runs after `9_x`). */
export function pairSqlxFiles(files: SqlxFile[]): SqlxMigration[] {
  const byVersion = new Map<bigint, SqlxFile[]>();
  for (const f of files) byVersion.set(f.version, [...(byVersion.get(f.version) ?? []), f]);
  const migrations = [...byVersion.values()].map(pairOf);
  return migrations.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

function pairOf(group: SqlxFile[]): SqlxMigration {
  const shown = group.map((f) => f.shown).sort();
  const of = (kind: SqlxFile['kind']) => group.filter((f) => f.kind === kind);
  const [simple, up, down] = [of('simple'), of('up'), of('down')];
  if (simple.length + up.length > 1 || down.length > 1) {
    throw new KodoError(
      'sqlx-duplicate-version',
      `Version ${group[0]!.version} is used by ${shown.join(' and ')}; sqlx needs one migration per version, so renumber one of them.`,
    );
  }
  const main = simple[0] ?? up[0];
  if (main === undefined) {
    throw new KodoError(
      'sqlx-down-without-up',
      `${shown[0]} has no matching .up.sql file; add the up migration or remove the down file.`,
    );
  }
  if (up.length === 1 && down.length === 0) {
    throw new KodoError(
      'sqlx-up-without-down',
      `${main.shown} has no matching .down.sql file; add it (sqlx migrate add -r writes both) or rename the up file to a simple .sql migration.`,
    );
  }
  if (simple.length === 1 && down.length === 1) {
    throw new KodoError(
      'sqlx-down-without-up',
      `${down[0]!.shown} belongs to no .up.sql file (${main.shown} is a simple migration); rename ${main.shown} to .up.sql or remove the down file.`,
    );
  }
  return { version: main.version, description: main.description, up: main, down: down[0] ?? null };
}
