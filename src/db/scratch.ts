// Throwaway databases on a server for `kodo check`: created empty, shimmed, and dropped on close.
import { randomBytes } from 'node:crypto';
import { KodoError } from '../core/errors.js';
import type { Database } from './database.js';
import { toDatabaseError } from './errors.js';
import { connectPostgres, PostgresDatabase } from './postgres.js';
import { ensureSupabaseShim } from './shim/index.js';
import { urlLabel } from './spec.js';

export const SCRATCH_PREFIX = 'kodo_check_';

/** Creates `kodo_check_<random>` on the server of `url`, installs the shim, and drops it when closed. */
export async function openServerScratchDatabase(url: string): Promise<Database> {
  const name = `${SCRATCH_PREFIX}${randomBytes(5).toString('hex')}`;
  const admin = await connectPostgres(url);
  try {
    await admin.query(`create database ${name}`);
  } catch (e) {
    const info = toDatabaseError(e);
    const user = new URL(url).username || 'the current role';
    throw new KodoError(
      'scratch-failed',
      info.sqlstate === '42501'
        ? `The role ${user} cannot create databases on ${urlLabel(url)}; grant it CREATEDB, or check against --db memory.`
        : `Cannot create a scratch database on ${urlLabel(url)}: ${info.message}.`,
    );
  } finally {
    await admin.end().catch(() => undefined);
  }

  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  const drop = () => dropDatabase(url, name);
  try {
    const setup = await connectPostgres(scratchUrl.toString());
    try {
      await ensureSupabaseShim(new PostgresDatabase(setup, name, true));
    } finally {
      await setup.end().catch(() => undefined);
    }
    // A new session, so the search_path the shim set on the database applies.
    const client = await connectPostgres(scratchUrl.toString());
    return new PostgresDatabase(client, `${urlLabel(scratchUrl.toString())} (scratch)`, true, drop);
  } catch (e) {
    await drop().catch(() => undefined);
    throw e;
  }
}

async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = await connectPostgres(url);
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
