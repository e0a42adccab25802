// Item 9 of issue 8 (unreadable files): a migrations folder or a migration kodo may not read gets one `error:` line
// naming it and saying what to do. Permissions do not stop root, so as root kodo runs as `nobody` (a real EACCES,
// not a simulated one); where neither is possible the suite says why it skips.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { KODO_BIN } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const canTest = process.platform !== 'win32';
if (!canTest) console.warn('unreadable.test.ts: skipped, POSIX permissions are needed');

const FILES = {
  'supabase/migrations/20240101000000_a.sql': 'create table a (id bigint primary key);\n',
  'supabase/migrations/20240101000001_b.sql': 'create table b (id bigint primary key);\n',
};

/** kodo as a user the permissions apply to: `nobody` when the tests run as root. */
async function runAsUser(args: string[], cwd: string) {
  const result = await execa(process.execPath, [KODO_BIN, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir() },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

/** A project that kodo's user may enter (the temp folder is private to its owner). */
async function project(): Promise<string> {
  const root = await makeFiles(FILES);
  for (const dir of [root, path.join(root, 'supabase')]) await fs.chmod(dir, 0o755);
  return root;
}

describe.runIf(canTest).concurrent('an unreadable migrations folder or file', () => {
  it('is one error line from lint, check and up', async () => {
    const root = await project();
    await fs.chmod(path.join(root, 'supabase', 'migrations'), 0o000);
    const runs = await Promise.all(
      [['lint'], ['check'], ['up', '--db', 'memory']].map((a) => runAsUser(a, root)),
    );
    for (const run of runs) {
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: supabase/migrations/ cannot be read (permission denied); give your user read access to it.',
      });
    }
  });

  it('names the unreadable migration', async () => {
    const root = await project();
    const dir = path.join(root, 'supabase', 'migrations');
    await fs.chmod(dir, 0o755);
    await fs.chmod(path.join(dir, '20240101000001_b.sql'), 0o000);
    const runs = await Promise.all(
      [['lint'], ['check'], ['up', '--db', 'memory']].map((a) => runAsUser(a, root)),
    );
    for (const run of runs) {
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: supabase/migrations/20240101000001_b.sql cannot be read (permission denied); give your user read access to it.',
      });
    }
  });
});

describe.runIf(canTest && isRoot)('an embedded database another user owns', () => {
  it('is said to be unwritable, not damaged (deleting it would lose data for nothing)', async () => {
    const root = await project();
    await fs.chmod(path.join(root, 'supabase', 'migrations'), 0o755);
    for (const f of Object.keys(FILES)) await fs.chmod(path.join(root, f), 0o644);
    await fs.mkdir(path.join(root, '.kodo', 'db'), { recursive: true, mode: 0o755 });
    await fs.chmod(path.join(root, '.kodo'), 0o755);
    const run = await runAsUser(['up'], root);
    expect([run.code, run.stderr]).toEqual([
      2,
      `error: ${path.join(root, '.kodo', 'db')} cannot be written by this user (it may have been created with sudo), so the embedded database cannot be opened; give your user ownership of it (chown -R) and retry.`,
    ]);
  });
});
