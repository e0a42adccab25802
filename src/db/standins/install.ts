// Prepares an embedded (PGlite) database for stand-ins: the call log, and the stand-ins Supabase has enabled from the start.
import type { Queryable } from '../database.js';
import logSql from './log.sql';
import { PREINSTALLED_STANDINS } from './registry.js';

export const STANDIN_LOG_SQL = logSql;

/** Creates kodo_standins.calls and log_call() unless present; every stand-in script calls log_call(). */
export async function ensureStandInLog(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ present: boolean }>(
    "select pg_catalog.to_regprocedure('kodo_standins.log_call(text,text,jsonb)') is not null as present",
  );
  if (!rows[0]?.present) await db.exec(logSql);
}

/** Installs the stand-ins a new Supabase project already has (see PREINSTALLED_STANDINS). */
export async function installPreinstalledStandIns(db: Queryable): Promise<void> {
  for (const s of PREINSTALLED_STANDINS) {
    const schema = s.schema ? ` with schema ${s.schema}` : '';
    await db.exec(`create extension if not exists ${s.name}${schema}`);
  }
}
