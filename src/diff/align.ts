// States read from servers of different Postgres versions do not compare as text: each version deparses views and
// expressions its own way (Postgres 17 leaves out a lone table's alias in a view, 15 writes it). When the two
// snapshots come from different versions, the one read from a server is rebuilt on the embedded database (the
// engine's version) from its dump, and that snapshot stands for it: both sides are then deparsed by one Postgres.
import { KodoError } from '../core/errors.js';
import { takeSnapshot } from '../schema/snapshot.js';
import type { Snapshot } from '../schema/types.js';
import { rebuildOnThrowaway } from './rebuild.js';
import { remainingOut } from './result.js';

export interface Aligned {
  snapshot: Snapshot;
  warning: string | null;
}

export async function alignVersion(
  snapshot: Snapshot,
  other: Snapshot,
  label: string,
  env: NodeJS.ProcessEnv,
): Promise<Aligned> {
  if (snapshot.serverVersion === other.serverVersion) return { snapshot, warning: null };
  const rebuilt = await rebuildOnThrowaway(snapshot, 'rebuild', env);
  try {
    if (rebuilt.verification.error) {
      throw new KodoError(
        'rebuild-failed',
        `${label} runs Postgres ${snapshot.serverVersion} and could not be rebuilt on the embedded Postgres ${other.serverVersion} to compare like with like (${remainingOut(rebuilt.verification)[0]}).`,
        'check',
      );
    }
    const again = await takeSnapshot(rebuilt.db);
    const engine = again.serverVersion;
    return {
      // Deparsed by the engine, but still a state of the older server: what it cannot express (MAINTAIN, which
      // the rebuild's CREATE gave) stays out of the comparison (versions.ts).
      snapshot: { ...again, serverVersion: snapshot.serverVersion },
      warning: `${label} runs Postgres ${snapshot.serverVersion}: it was compared as rebuilt on the embedded Postgres ${engine}, so that both sides are deparsed by one version`,
    };
  } finally {
    await rebuilt.db.close();
  }
}
