// The embedded targets: a persistent PGlite in <root>/.kodo/db (locked while open) and a throwaway in-memory one.
import { randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describeError, isKodoError, KodoError } from '../core/errors.js';
import { createExclusive, exists } from '../core/fs.js';
import { assetDir as defaultAssetDir } from './assets.js';
import type { Database } from './database.js';
import { acquireDirLock } from './dir-lock.js';
import { PgliteDatabase, preparePglite, startPglite } from './pglite-database.js';
import { newScratchDir, removeOrphanScratchDirs } from './scratch-dir.js';
import { ensureSupabaseShim } from './shim/index.js';
import { extractSnapshot, loadSnapshot } from './snapshot.js';
import { ensureStandInLog } from './standins/install.js';

export const EMBEDDED_DIR = path.join('.kodo', 'db');

/** `.kodo/.gitignore`, written beside the data directory when there is none, so that it never lands in git. */
export const KODO_GITIGNORE =
  '# kodo: the embedded development database (kodo up, kodo reset); never commit it.\ndb/\n';

export interface PgliteOptions {
  env?: NodeJS.ProcessEnv;
  /** Where PGlite's files are; tests point it at a bundle's folder. */
  assetDir?: string;
}

/** The snapshot, read (or built) while PGlite compiles and extension files decompress. */
async function snapshotFor(assetDir: string, env: NodeJS.ProcessEnv | undefined): Promise<Uint8Array> {
  const [snapshot] = await Promise.all([loadSnapshot(assetDir, env), preparePglite(assetDir)]);
  return snapshot;
}

/**
 * A fresh throwaway database with the shim and stand-ins, gone when closed. Its files live in a temporary folder
 * (see scratch-dir.ts), not in PGlite's memory: it starts faster and holds less memory.
 */
export async function openMemoryDatabase(label = 'memory', options: PgliteOptions = {}): Promise<Database> {
  const assetDir = options.assetDir ?? defaultAssetDir();
  await removeOrphanScratchDirs();
  const dataDir = newScratchDir();
  const remove = () => fs.rm(dataDir, { recursive: true, force: true });
  try {
    await extractSnapshot(await snapshotFor(assetDir, options.env), dataDir);
    const pg = await startPglite({ assetDir, dataDir });
    // This kodo's snapshot has the shim and the stand-in log: nothing to check.
    return new PgliteDatabase(pg, { kind: 'memory', label, throwaway: true, dataDir, onClose: remove });
  } catch (e) {
    await remove();
    throw e;
  }
}

/**
 * The project's persistent database, created from the snapshot on first use; one process at a time. `fresh`
 * (`kodo reset`) replaces whatever database is there with a new one from the snapshot, under the same lock.
 */
export async function openEmbeddedDatabase(
  root: string,
  options: PgliteOptions & {
    lockTimeoutMs?: number;
    fresh?: boolean;
    /** With `fresh`: a data-directory archive to start from instead of the snapshot (a state `check` cached). */
    freshFrom?: Uint8Array | undefined;
  } = {},
): Promise<Database> {
  const assetDir = options.assetDir ?? defaultAssetDir();
  const dataDir = path.join(path.resolve(root), EMBEDDED_DIR);
  const lock = await acquireDirLock(dataDir, options.lockTimeoutMs ?? 10_000);
  try {
    await removeStaleExtractions(dataDir);
    // A database (or a .kodo) owned by another user (made with sudo) is not damaged: say so before PGlite fails.
    await assertWritable(isNewDir(dataDir) ? path.dirname(dataDir) : dataDir);
    if (options.fresh)
      await replaceWithSnapshot(dataDir, options.freshFrom ?? (await snapshotFor(assetDir, options.env)));
    const isNew = options.fresh || !(await exists(path.join(dataDir, 'PG_VERSION')));
    if (isNew && !options.fresh) {
      await assertFolderOrNothing(dataDir);
      const leftovers = await fs.readdir(dataDir).catch(() => []);
      if (leftovers.length > 0) {
        throw new KodoError(
          'embedded-corrupt',
          `${dataDir} exists but holds no database; delete it to start a new embedded database.`,
        );
      }
      await fs.mkdir(path.dirname(dataDir), { recursive: true });
      await extractSnapshot(await snapshotFor(assetDir, options.env), dataDir);
    }
    await writeGitignore(path.dirname(dataDir));
    // Missing or broken kodo assets fail here, unlabelled: only what fails after this is the database's own damage.
    await preparePglite(assetDir);
    const pg = await startPglite({ assetDir, dataDir }).catch((e: unknown) => {
      throw damaged(e);
    });
    const label = `embedded (${EMBEDDED_DIR.split(path.sep).join('/')})`;
    const db = new PgliteDatabase(pg, { kind: 'embedded', label, throwaway: false, onClose: lock.release });
    return isNew ? db : await upgrade(db);
  } catch (e) {
    await lock.release();
    throw e;
  }
}

/**
 * Replaces the data directory with a new one from the snapshot, never leaving half of either: the new one is
 * extracted beside it (as `db.tmp-…`, which removeStaleExtractions clears if kodo is killed), then the old one is
 * renamed aside, the new one renamed into place, and only then the old one deleted. A folder that holds no
 * database, a file or a symlink in the way is refused, as for a first open: kodo deletes only its own database.
 */
async function replaceWithSnapshot(dataDir: string, snapshot: Uint8Array): Promise<void> {
  await assertFolderOrNothing(dataDir);
  const link = await fs.lstat(dataDir).catch(() => null);
  if (link?.isSymbolicLink()) {
    throw new KodoError(
      'embedded-corrupt',
      `${EMBEDDED_DIR} is a symlink; kodo reset replaces the folder itself, so make ${EMBEDDED_DIR} a plain folder (or delete the link) and retry.`,
    );
  }
  const present = link !== null;
  if (present && !(await exists(path.join(dataDir, 'PG_VERSION')))) {
    const leftovers = await fs.readdir(dataDir).catch(() => []);
    if (leftovers.length > 0) {
      throw new KodoError(
        'embedded-corrupt',
        `${dataDir} exists but holds no database, so kodo reset does not delete it; delete it yourself if it is not yours, then retry.`,
      );
    }
  }
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = `${dataDir}.tmp-reset-${suffix}`;
  await extractSnapshot(snapshot, fresh);
  if (!present) {
    await fs.rename(fresh, dataDir);
    return;
  }
  const old = `${dataDir}.tmp-old-${suffix}`;
  try {
    await fs.rename(dataDir, old);
  } catch (e) {
    await fs.rm(fresh, { recursive: true, force: true });
    throw e;
  }
  try {
    await fs.rename(fresh, dataDir);
  } catch (e) {
    await fs.rename(old, dataDir);
    await fs.rm(fresh, { recursive: true, force: true });
    throw e;
  }
  await fs.rm(old, { recursive: true, force: true });
}

/** `.kodo/.gitignore` ignoring `db/`, unless the folder has one already (then it is the user's, left as it is). */
async function writeGitignore(kodoDir: string): Promise<void> {
  await createExclusive(path.join(kodoDir, '.gitignore'), KODO_GITIGNORE).catch(() => undefined);
}

/** A file or a dangling link where the data directory goes would make the extraction fail half-way. */
async function assertFolderOrNothing(dataDir: string): Promise<void> {
  const [linkStat, stat] = await Promise.all([
    fs.lstat(dataDir).catch(() => null),
    fs.stat(dataDir).catch(() => null),
  ]);
  if (linkStat === null || stat?.isDirectory()) return;
  const what = stat ? 'a file' : 'a symlink to nothing';
  throw new KodoError(
    'embedded-corrupt',
    `${EMBEDDED_DIR} is ${what}, not a folder; move it away so that kodo can create its embedded database there.`,
  );
}

/**
 * Under the lock no other process is extracting into this data directory, so every `db.tmp-*` beside it is what
 * a process killed mid-extraction left behind (24 MB each): removed, whatever its pid, since pids are reused.
 */
async function removeStaleExtractions(dataDir: string): Promise<void> {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}.tmp-`;
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix)) await fs.rm(path.join(parent, name), { recursive: true, force: true });
  }
}

function isNewDir(dataDir: string): boolean {
  return !fsSync.existsSync(dataDir);
}

/** The nearest existing folder of `dir` must be writable by this user. */
async function assertWritable(dir: string): Promise<void> {
  let at = dir;
  while (!fsSync.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  try {
    await fs.access(at, fsSync.constants.W_OK);
  } catch {
    throw new KodoError(
      'embedded-unwritable',
      `${at} cannot be written by this user (it may have been created with sudo), so the embedded database cannot be opened; give your user ownership of it (chown -R) and retry.`,
    );
  }
}

/** PGlite failing to open or to read its own catalog means damaged files: say how to rebuild, delete nothing. */
function damaged(e: unknown): unknown {
  if (isKodoError(e)) return e;
  const raw = describeError(e).split('\n')[0] ?? '';
  const reason = raw.startsWith('Aborted(') ? 'PGlite aborted while reading it' : raw.slice(0, 200);
  return new KodoError(
    'embedded-damaged',
    `The embedded database in ${EMBEDDED_DIR} is damaged (${reason}); run kodo reset to rebuild it from your migrations and seeds (only the data in that local database is lost).`,
  );
}

/** A database made by an older kodo gets what its snapshot lacked; on a current one, two quick checks. */
async function upgrade(db: Database): Promise<Database> {
  try {
    await ensureStandInLog(db);
    await ensureSupabaseShim(db);
    return db;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw damaged(e);
  }
}
