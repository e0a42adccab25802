// The persistent embedded database: created from the snapshot, survives reopening, one process at a time.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDirLock } from '../../src/db/dir-lock.js';
import { openDatabase } from '../../src/db/open.js';
import { listStandInsUsed } from '../../src/db/standins/index.js';
import { tempRoot } from './targets.js';

describe('embedded database', () => {
  it('lives in .kodo/db and keeps its data, shim and stand-ins across close and reopen', async () => {
    const root = await tempRoot();
    const first = await openDatabase(undefined, { root, env: {} });
    expect(first.kind).toBe('embedded');
    expect(first.label).toBe('embedded (.kodo/db)');
    expect(first.throwaway).toBe(false);
    await first.exec(`
      create table public.kept (id int primary key);
      insert into public.kept values (1), (2);
      create extension pg_cron;
      select cron.schedule('nightly', '0 3 * * *', 'select 1');
    `);
    await first.close();
    await first.close();
    expect(await fs.stat(path.join(root, '.kodo', 'db', 'PG_VERSION'))).toBeTruthy();

    const again = await openDatabase('embedded', { root });
    try {
      expect((await again.query('select id from public.kept order by id')).rows).toEqual([
        { id: 1 },
        { id: 2 },
      ]);
      expect((await again.query('select jobname from cron.job')).rows).toEqual([{ jobname: 'nightly' }]);
      expect(await listStandInsUsed(again)).toEqual(['pg_cron']);
      const { rows } = await again.query<{ uid: string | null }>('select auth.uid() as uid');
      expect(rows).toEqual([{ uid: null }]);
    } finally {
      await again.close();
    }
  });

  it('lets a second opener wait for the first to close, or fail clearly', async () => {
    const root = await tempRoot();
    const holder = await openDatabase('embedded', { root });
    const error = await openDatabase('embedded', { root, lockTimeoutMs: 200 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^The embedded database in .*\.kodo\/db is already open in this process; close it first, then retry \(lock file: .*\)\.$/,
    );
    const waiting = openDatabase('embedded', { root, lockTimeoutMs: 30_000 });
    setTimeout(() => void holder.close(), 300);
    const second = await waiting;
    expect((await second.query<{ n: number }>('select 1 as n')).rows).toEqual([{ n: 1 }]);
    await second.close();
  });
});

describe('directory lock', () => {
  function lockFileOf(dir: string): string {
    const digest = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 24);
    return path.join(os.tmpdir(), `kodo-db-lock-${digest}`);
  }

  it('names another live process that holds it', async () => {
    const dir = await tempRoot();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      await fs.writeFile(lockFileOf(dir), `${other.pid} other`);
      const error = await acquireDirLock(dir, 150).catch((e: unknown) => e);
      expect((error as Error).message).toContain(`is in use by another kodo process (pid ${other.pid})`);
    } finally {
      other.kill();
      await fs.rm(lockFileOf(dir), { force: true });
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await tempRoot();
    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => gone.on('exit', resolve));
    await fs.writeFile(lockFileOf(dir), `${gone.pid} crashed`);
    const lock = await acquireDirLock(dir, 150);
    await lock.release();
    await expect(fs.stat(lockFileOf(dir))).rejects.toThrow();
  });
});
