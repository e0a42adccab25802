// Which schemas hold the user's objects. The platform's schemas (auth, storage, realtime, extensions, …) belong to
// Supabase: a snapshot takes only what a migration adds there — policies (storage.objects), triggers whose function
// is the user's (auth.users → public.handle_new_user) — never the platform's own tables and functions.
import { MANAGED_SCHEMAS } from '../lint/rules/support/splinter.js';

export const PLATFORM_ONLY: readonly string[] = [
  ...MANAGED_SCHEMAS,
  '_analytics',
  '_realtime',
  '_supavisor',
  'kodo_standins',
  'pg_toast',
  'dbdev',
  'etl',
];

/**
 * Extensions every Supabase project has from the start (and kodo's shim installs, as itself or as a stand-in):
 * the platform's, like its schemas. A migration's `create extension if not exists pgcrypto` changes nothing.
 */
export const PLATFORM_EXTENSIONS: readonly string[] = [
  'plpgsql',
  'pgcrypto',
  'uuid-ossp',
  'pg_graphql',
  'pg_stat_statements',
  'supabase_vault',
];

/** SQL for "this schema name is the user's": `n.nspname` must be bound by the caller's alias. */
export function userSchema(alias = 'n'): string {
  return `(${alias}.nspname <> all($1::text[]) and ${alias}.nspname !~ '^pg_(temp|toast_temp)_')`;
}

/** SQL for "not a member of an extension" (created by CREATE EXTENSION, dropped with it). */
export function notInExtension(catalog: string, oid: string): string {
  return `not exists (select 1 from pg_catalog.pg_depend e where e.classid = '${catalog}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;
}
