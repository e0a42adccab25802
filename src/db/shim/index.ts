// Installs the Supabase platform objects that migrations written for Supabase rely on, where they are missing.
import { KodoError } from '../../core/errors.js';
import type { Queryable } from '../database.js';
import { toDatabaseError } from '../errors.js';
import auth from './auth.sql';
import extensions from './extensions.sql';
import grants from './grants.sql';
import graphql from './graphql.sql';
import realtime from './realtime.sql';
import roles from './roles.sql';
import storage from './storage.sql';
import vault from './vault.sql';
import webhooks from './webhooks.sql';

interface ShimPart {
  name: string;
  sql: string;
  /** A query returning one row `{ present: boolean }`; absent for parts that are always (re)applied. */
  present?: string;
}

/**
 * How kodo marks the schemas its shim installed: each part's last statement comments its schema with this prefix.
 * Bump the number when a part changes, so that databases carrying an older shim get the part again (every part is
 * idempotent over its older versions).
 */
export const SHIM_MARK = 'kodo shim 2:';

/** True when `schema` carries this version's mark. One catalog lookup: the embedded database runs it on every open. */
function marked(schema: string): string {
  return `coalesce(pg_catalog.starts_with(pg_catalog.obj_description(pg_catalog.to_regnamespace('${schema}'), 'pg_namespace'), '${SHIM_MARK}'), false)`;
}

export const SHIM_ROLES = [
  'postgres',
  'supabase_admin',
  'anon',
  'authenticated',
  'service_role',
  'authenticator',
  'dashboard_user',
  'pgbouncer',
  'supabase_auth_admin',
  'supabase_storage_admin',
  'supabase_functions_admin',
  'supabase_realtime_admin',
  'supabase_replication_admin',
  'supabase_etl_admin',
  'supabase_read_only_user',
  'supabase_superuser',
  'pgsodium_keyiduser',
  'pgsodium_keyholder',
  'pgsodium_keymaker',
] as const;

/** In dependency order: later parts grant to the roles and use the extensions of earlier ones. */
export const SHIM_PARTS: readonly ShimPart[] = [
  {
    name: 'roles',
    sql: roles,
    present: `select count(*) = ${SHIM_ROLES.length} as present from pg_catalog.pg_roles where rolname = any(array[${SHIM_ROLES.map((r) => `'${r}'`).join(', ')}])`,
  },
  {
    name: 'extensions',
    sql: extensions,
    present: `select pg_catalog.to_regnamespace('extensions') is not null and (select count(*) = 2 from pg_catalog.pg_extension where extname in ('pgcrypto', 'uuid-ossp')) as present`,
  },
  { name: 'auth', sql: auth, present: `select ${marked('auth')} as present` },
  { name: 'storage', sql: storage, present: `select ${marked('storage')} as present` },
  {
    name: 'realtime',
    sql: realtime,
    present: `select ${marked('realtime')} and exists (select from pg_catalog.pg_publication where pubname = 'supabase_realtime') as present`,
  },
  { name: 'webhooks', sql: webhooks, present: `select ${marked('supabase_functions')} as present` },
  { name: 'graphql', sql: graphql, present: `select ${marked('graphql_public')} as present` },
  {
    // Servers only: the embedded database (which has kodo_standins) gets the supabase_vault stand-in extension.
    name: 'vault',
    sql: vault,
    present: `select pg_catalog.to_regnamespace('kodo_standins') is not null or pg_catalog.to_regclass('vault.secrets') is not null as present`,
  },
  { name: 'grants', sql: grants },
];

/** The SQL of the whole shim, for cache keys. */
export const SHIM_SQL = SHIM_PARTS.map((p) => p.sql).join('\n');

/**
 * Whether the database is a real Supabase one: auth.users owned by supabase_auth_admin, in an auth schema that
 * does not carry kodo's mark (kodo's shim sets the same owner, and marks the schema).
 */
const IS_SUPABASE = `select coalesce(
    (select pg_catalog.pg_get_userbyid(c.relowner) = 'supabase_auth_admin'
       from pg_catalog.pg_class c where c.oid = pg_catalog.to_regclass('auth.users'))
    and coalesce(pg_catalog.obj_description(pg_catalog.to_regnamespace('auth'), 'pg_namespace'), '') not like 'kodo shim %',
    false) as supabase`;

export async function isSupabaseDatabase(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ supabase: boolean }>(IS_SUPABASE);
  return rows[0]?.supabase === true;
}

/**
 * The parts with a presence check that this database lacks (a real Supabase database lacks none). One round trip:
 * the embedded database runs this on every open.
 */
export async function missingShimParts(db: Queryable): Promise<string[]> {
  const checked = SHIM_PARTS.filter((p) => p.present);
  const columns = checked.map((p, i) => `(${p.present}) as p${i}`);
  const { rows } = await db.query<Record<string, boolean>>(
    `select (${IS_SUPABASE}) as supabase, ${columns.join(', ')}`,
  );
  const row = rows[0] ?? {};
  if (row['supabase'] === true) return [];
  return checked.filter((_, i) => row[`p${i}`] !== true).map((p) => p.name);
}

/**
 * A Supabase database is left untouched; anywhere else, every missing part is installed (a database with an older
 * kodo shim gets the parts whose mark is older). Idempotent. On a server, the search_path part takes effect in
 * sessions opened afterwards.
 */
export async function ensureSupabaseShim(db: Queryable): Promise<{ installed: boolean; parts: string[] }> {
  const missing = await missingShimParts(db);
  if (missing.length === 0) return { installed: false, parts: [] };

  const parts: string[] = [];
  for (const part of SHIM_PARTS) {
    if (part.present && !missing.includes(part.name)) continue;
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
