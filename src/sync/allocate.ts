// Versions for new synced files, all chosen before anything is written: each takes the next even (schema) version
// of its workspace's range through the allocation `kodo allocate --kind schema` uses, so a full range fails the
// whole run up front.
import type { KodoConfig } from '../config/load.js';
import { allocateFrom } from '../versions/allocate-version.js';
import { migrationFileName } from '../versions/grammar.js';
import type { SyncWorkspace } from './types.js';

export interface Allocator {
  /** The next file name (`00302_rust_add_reactions.sql`) for a migration named `name` of `ws`. */
  next(ws: SyncWorkspace, name: string): { version: string; fileName: string };
}

/** `versions`: every version in supabase/migrations; each allocation joins them, so the next one comes after it. */
export function allocator(config: KodoConfig, versions: string[], now: Date): Allocator {
  const taken = [...versions];
  return {
    next(ws, name) {
      const allocation = allocateFrom(config, taken, {
        // Without hybrid ranges the version is a timestamp and the workspace only a label config may not know.
        workspace: config.mode === 'hybrid' ? ws.detected.name : undefined,
        kind: 'schema',
        now,
      });
      taken.push(allocation.version);
      const prefix = allocation.prefix ?? ws.detected.prefix ?? undefined;
      return { version: allocation.version, fileName: migrationFileName(allocation.version, name, prefix) };
    },
  };
}
