// Whether a server target needs kodo's Supabase platform shim before migrations written for Supabase can apply.
//
// PGlite targets get the shim when they are opened. A server is either a Supabase database (auth.uid() and the API
// roles exist: left alone, as ensureSupabaseShim decides too) or a plain Postgres, which gets the shim before the
// first migration runs.
import type { Database } from '../db/database.js';
import { ensureSupabaseShim } from '../db/shim/index.js';

export interface ShimReport {
  /** True when this run installed it. */
  installed: boolean;
  /** True on a dry run that would install it. */
  wouldInstall: boolean;
  parts: string[];
}

export async function serverNeedsShim(db: Database): Promise<boolean> {
  if (db.kind !== 'postgres') return false;
  const { rows } = await db.query<{ supabase: boolean }>(
    `select pg_catalog.to_regprocedure('auth.uid()') is not null
        and (select count(*) = 3 from pg_catalog.pg_roles where rolname in ('anon', 'authenticated', 'service_role')) as supabase`,
  );
  return !rows[0]?.supabase;
}

/** Installs the shim on a plain Postgres server (nothing on a dry run); null when none is needed. */
export async function prepareServer(db: Database, dryRun: boolean): Promise<ShimReport | null> {
  if (!(await serverNeedsShim(db))) return null;
  if (dryRun) return { installed: false, wouldInstall: true, parts: [] };
  const { installed, parts } = await ensureSupabaseShim(db);
  return { installed, wouldInstall: false, parts };
}
