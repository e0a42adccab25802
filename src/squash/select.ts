// Which files `kodo squash [--version V]` folds: every migration up to V (default: the newest), as the Supabase CLI
// does, and the file they become.
//
// Supabase-only mode (timestamps): the squashed file keeps V's version and name, like `supabase migration squash`;
// every later file already sorts after it. Hybrid mode (service ranges): keeping V would reorder services — with
// V in the shared range, node's next migration (in 001xx) would sort before the file that now creates node's
// tables. So the squashed file takes the FIRST folded version (`00000_squashed_to_00401.sql`): every service's next
// migration, in any range, still sorts after everything it builds on, and nothing folded moves later.

import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { migrationsDir } from '../core/project.js';
import type { LoadedMigration } from '../migrations/read.js';
import type { Project } from '../project/project.js';
import { migrationFileName } from '../versions/grammar.js';
import { ownerOf } from '../versions/ranges.js';

export interface SquashSelection {
  /** The files folded, in apply order; the last one is V. */
  included: LoadedMigration[];
  /** The squashed file: its version, name, path relative to the root and absolute path. */
  into: { version: string; name: string; file: string; path: string };
}

export async function selectSquash(project: Project, version: string | undefined): Promise<SquashSelection> {
  const all = project.migrations();
  if (all.length === 0)
    throw new KodoError('nothing-to-squash', 'supabase/migrations has no migrations to squash.');
  const v = version?.trim() ?? all.at(-1)!.version;
  if (!/^\d+$/.test(v)) {
    throw new KodoError(
      'invalid-version',
      `--version must be a migration version (digits only, like ${all.at(-1)!.version}).`,
    );
  }
  const index = all.findIndex((m) => m.version === v);
  if (index < 0) {
    throw new KodoError(
      'unknown-version',
      `No migration in supabase/migrations has version ${v}; kodo list shows the versions (the newest is ${all.at(-1)!.version}).`,
    );
  }
  if (index === 0) {
    throw new KodoError(
      'nothing-to-squash',
      `${all[0]!.file} is already the earliest migration; there is nothing to squash into it.`,
    );
  }
  const included = all.slice(0, index + 1);
  const owners = await project.owners();
  if (!owners) {
    const last = included.at(-1)!;
    return { included, into: { version: last.version, name: last.name, file: last.file, path: last.path } };
  }
  const first = included[0]!;
  const name = `squashed_to_${v}`;
  const fileName = migrationFileName(first.version, name, ownerOf(first.version, owners)?.prefix);
  return {
    included,
    into: {
      version: first.version,
      name: fileName.slice(first.version.length + 1, -'.sql'.length),
      file: `supabase/migrations/${fileName}`,
      path: path.join(migrationsDir(project.root), fileName),
    },
  };
}
