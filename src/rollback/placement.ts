// A rollback is written as a new migration, and `kodo check` replays it where its version sorts: after the files
// with lower versions and before the rest (in hybrid mode its range may sit before other services' later files).
// Before anything is written, the rollback is applied there on a throwaway database and every later file after it,
// so a rollback that would break the folder is reported instead of written.
import { applyNext, openAppliedState } from '../apply/applied-state.js';
import { applyFile } from '../apply/apply-file.js';
import { KodoError } from '../core/errors.js';
import type { LoadedMigration } from '../migrations/read.js';
import { splitStatements } from '../migrations/split.js';
import type { Project } from '../project/project.js';
import { placedBefore } from './find.js';

export interface PlacementOptions {
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
}

/** Null when the folder still applies with the rollback at `version`; else what breaks, in one sentence. */
export async function checkPlacement(
  project: Project,
  rollback: { version: string; file: string; text: string },
  opts: PlacementOptions,
): Promise<string | null> {
  const all = project.migrations();
  const at = placedBefore(all, rollback.version);
  const state = await openAppliedState(project, { upTo: at, env: opts.env, signal: opts.signal });
  try {
    const file: LoadedMigration = {
      version: rollback.version,
      name: 'rollback',
      file: rollback.file,
      path: rollback.file,
      text: rollback.text,
      sha256: '',
      statements: splitStatements(rollback.text),
    };
    const own = await applyFile(state.db, file);
    if (own.failure) {
      return `${rollback.file} does not apply after the migrations that sort before it (${own.failure.message}); if later migrations build on what it removes, roll those back first`;
    }
    for (const later of all.slice(at)) {
      try {
        await applyNext(state, later);
      } catch (e) {
        if (!(e instanceof KodoError)) throw e;
        return `with the rollback at version ${rollback.version}, a later migration no longer applies (${e.message.split(' — ')[0]}); roll that one back first, or keep what it needs`;
      }
    }
    return null;
  } finally {
    await state.close();
  }
}
