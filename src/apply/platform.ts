// Whether a server target needs kodo's Supabase platform shim before migrations written for Supabase can apply.
//
// PGlite targets get the shim when they are opened. A server is either a Supabase database (auth.users owned by
// supabase_auth_admin, without kodo's mark: left alone, as ensureSupabaseShim decides too), a server that got an
// older kodo shim (it gets the parts it lacks), or a plain Postgres, which gets the shim before the first migration.
import type { Database } from '../db/database.js';
import { ensureSupabaseShim, missingShimParts } from '../db/shim/index.js';

export interface ShimReport {
  /** True when this run installed it. */
  installed: boolean;
  /** True on a dry run that would install it. */
  wouldInstall: boolean;
  parts: string[];
}

export async function serverNeedsShim(db: Database): Promise<boolean> {
  if (db.kind !== 'postgres') return false;
  return (await missingShimParts(db)).length > 0;
}

/** Installs the shim on a plain Postgres server (nothing on a dry run); null when none is needed. */
export async function prepareServer(db: Database, dryRun: boolean): Promise<ShimReport | null> {
  if (!(await serverNeedsShim(db))) return null;
  if (dryRun) return { installed: false, wouldInstall: true, parts: [] };
  const { installed, parts } = await ensureSupabaseShim(db);
  return { installed, wouldInstall: false, parts };
}
