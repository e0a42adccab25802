// Installs the Supabase platform objects that migrations written for Supabase rely on, where they are missing.
import { KodoError } from '../../core/errors.js';
import type { Queryable } from '../database.js';
import { toDatabaseError } from '../errors.js';
import auth from './auth.sql';
import extensions from './extensions.sql';
import grants from './grants.sql';
import realtime from './realtime.sql';
import roles from './roles.sql';
import storage from './storage.sql';
import webhooks from './webhooks.sql';

interface ShimPart {
  name: string;
  sql: string;
  /** A query returning one row `{ present: boolean }`; absent for parts that are always (re)applied. */
  present?: string;
}

const API_ROLES = "array['anon', 'authenticated', 'service_role']";

/** In dependency order: later parts grant to the roles and use the extensions of earlier ones. */
export const SHIM_PARTS: readonly ShimPart[] = [
  {
    name: 'roles',
    sql: roles,
    present: `select count(*) = 14 as present from pg_catalog.pg_roles where rolname = any(array['postgres', 'supabase_admin', 'anon', 'authenticated', 'service_role', 'authenticator', 'dashboard_user', 'pgbouncer', 'supabase_auth_admin', 'supabase_storage_admin', 'supabase_functions_admin', 'supabase_realtime_admin', 'supabase_replication_admin', 'supabase_read_only_user'])`,
  },
  {
    name: 'extensions',
    sql: extensions,
    present: `select pg_catalog.to_regnamespace('extensions') is not null and (select count(*) = 2 from pg_catalog.pg_extension where extname in ('pgcrypto', 'uuid-ossp')) as present`,
  },
  {
    name: 'auth',
    sql: auth,
    present: `select pg_catalog.to_regprocedure('auth.uid()') is not null and pg_catalog.to_regprocedure('auth.jwt()') is not null and pg_catalog.to_regclass('auth.users') is not null as present`,
  },
  {
    name: 'storage',
    sql: storage,
    present: `select pg_catalog.to_regclass('storage.objects') is not null as present`,
  },
  {
    name: 'realtime',
    sql: realtime,
    present: `select pg_catalog.to_regclass('realtime.messages') is not null and exists (select from pg_catalog.pg_publication where pubname = 'supabase_realtime') as present`,
  },
  {
    name: 'webhooks',
    sql: webhooks,
    present: `select pg_catalog.to_regprocedure('supabase_functions.http_request()') is not null as present`,
  },
  { name: 'grants', sql: grants },
];

/** The SQL of the whole shim, for cache keys. */
export const SHIM_SQL = SHIM_PARTS.map((p) => p.sql).join('\n');

/**
 * A Supabase database (auth.uid() and the API roles present) is left untouched; anywhere else, every missing part is
 * installed. Idempotent. On a server, the search_path part takes effect in sessions opened afterwards.
 */
export async function ensureSupabaseShim(db: Queryable): Promise<{ installed: boolean; parts: string[] }> {
  const { rows } = await db.query<{ supabase: boolean }>(
    `select pg_catalog.to_regprocedure('auth.uid()') is not null
        and (select count(*) = 3 from pg_catalog.pg_roles where rolname = any(${API_ROLES})) as supabase`,
  );
  if (rows[0]?.supabase) return { installed: false, parts: [] };

  const parts: string[] = [];
  for (const part of SHIM_PARTS) {
    if (part.present) {
      const check = await db.query<{ present: boolean }>(part.present);
      if (check.rows[0]?.present) continue;
    }
    try {
      await db.exec(part.sql);
    } catch (e) {
      const { message } = toDatabaseError(e);
      throw new KodoError(
        'shim-failed',
        `Cannot install the Supabase platform shim (${part.name}): ${message}. Connect as a superuser, or point kodo at a Supabase database.`,
      );
    }
    parts.push(part.name);
  }
  return { installed: true, parts };
}
