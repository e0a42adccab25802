// Throwaway databases on a server for `kodo check`: created empty, shimmed, and dropped on close, together with
// every cluster-wide role the run created (see scratch-cleanup.ts for why that is safe).
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { KodoError } from '../core/errors.js';
import type { ConnInfo } from './conninfo.js';
import type { Database } from './database.js';
import { toDatabaseError } from './errors.js';
import { connectPostgres, PostgresDatabase } from './postgres.js';
import { redactSecrets } from './redact.js';
import {
  cleanUpLeftovers,
  holdSharedLock,
  ident,
  releaseSharedLock,
  roleNames,
  SCRATCH_PREFIX,
  scratchDatabaseComment,
  tagRoles,
} from './scratch-cleanup.js';
import { ensureSupabaseShim } from './shim/index.js';
import roles from './shim/roles.sql';
import { connLabel, type DatabaseTarget } from './spec.js';

export { SCRATCH_PREFIX };

type ServerTarget = Extract<DatabaseTarget, { kind: 'postgres' }>;

export interface ServerScratchOptions {
  /** Roles the migrations create: dropped with the scratch database when this run created them. */
  migrationRoles?: ReadonlySet<string>;
  report?: ScratchReport;
}

export interface ScratchReport {
  /** Filled on close: roles the run created that had to stay (still used, or another check is running). */
  rolesLeft: string[];
  /** Set on open: tags the roles the migrations created so far, so that a killed run's are known as its own. */
  afterFile?: () => Promise<void>;
}

/** Creates `kodo_check_<random>` on the server of `target`, installs the shim, and drops it when closed. */
export async function openServerScratchDatabase(
  target: ServerTarget,
  opts: ServerScratchOptions = {},
): Promise<Database> {
  const name = `${SCRATCH_PREFIX}${randomBytes(5).toString('hex')}`;
  // Open for the whole run: it holds the shared lock that keeps other checks from dropping roles in use.
  const holder = await connectPostgres(target.conn, target.shown);
  const end = () => holder.end().catch(() => undefined);
  let before: Set<string>;
  try {
    await holdSharedLock(holder);
    await cleanUpLeftovers(holder);
    before = await roleNames(holder);
    await holder.query(`create database ${ident(name)}`);
    await holder.query(`comment on database ${ident(name)} is '${scratchDatabaseComment}'`);
  } catch (e) {
    await end();
    throw scratchFailed(target, e);
  }

  const tagNew = () => tagMigrationRoles(holder, before, opts.migrationRoles, name);
  if (opts.report) opts.report.afterFile = tagNew;
  const close = async () => {
    try {
      await tagNew();
      await holder.query(`drop database if exists ${ident(name)} with (force)`);
      await releaseSharedLock(holder);
      const left = await cleanUpLeftovers(holder);
      if (opts.report) opts.report.rolesLeft = left;
    } finally {
      await end();
    }
  };
  const scratch: ConnInfo = { ...target.conn, dbname: name };
  const shown = connLabel(scratch, target.protocol, !target.local, true);
  try {
    const setup = await connectPostgres(scratch, shown);
    try {
      await createShimRoles(setup, name);
      await ensureSupabaseShim(new PostgresDatabase(setup, name, true));
    } finally {
      await setup.end().catch(() => undefined);
    }
    // A new session, so the search_path the shim set on the database applies.
    const client = await connectPostgres(scratch, shown);
    const label = `${connLabel(scratch, target.protocol, !target.local)} (scratch)`;
    return new PostgresDatabase(client, label, true, close);
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
}

/** The shim's roles, in one transaction with the tags that mark the new ones as this check's own. */
async function createShimRoles(client: pg.Client, scratch: string): Promise<void> {
  await client.query('begin');
  try {
    const existing = await roleNames(client);
    await client.query(roles);
    const created = [...(await roleNames(client))].filter((r) => !existing.has(r));
    await tagRoles(client, created, scratch);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw new KodoError(
      'shim-failed',
      `Cannot install the Supabase platform shim (roles): ${redactSecrets(toDatabaseError(e).message)}. Connect as a superuser, or point kodo at a Supabase database.`,
    );
  }
}

/** Roles the migrations created during this run (new since it started, and named in a CREATE ROLE) become its own. */
async function tagMigrationRoles(
  client: pg.Client,
  before: Set<string>,
  named: ReadonlySet<string> | undefined,
  scratch: string,
): Promise<void> {
  if (!named || named.size === 0) return;
  const created = [...(await roleNames(client))].filter((r) => !before.has(r) && named.has(r));
  await tagRoles(client, created, scratch);
  for (const role of created) before.add(role);
}

function scratchFailed(target: ServerTarget, e: unknown): KodoError {
  if (e instanceof KodoError) return e;
  const info = toDatabaseError(e);
  return new KodoError(
    'scratch-failed',
    info.sqlstate === '42501'
      ? `The role ${role(target)} cannot create databases on ${target.label}; grant it CREATEDB, or check against --db memory.`
      : `Cannot create a scratch database on ${target.label}: ${redactSecrets(info.message)}.`,
  );
}

function role(target: ServerTarget): string {
  const user = target.conn['user'];
  if (user === undefined) return 'you connect as';
  return user === target.conn['password'] && !target.local ? '***' : user;
}
