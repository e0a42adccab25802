// Item 9 of issue 8 (embedded database): a damaged .kodo/db gets one line saying it is damaged and how to rebuild
// it (nothing is deleted for you), and a kodo killed with SIGKILL while it extracts the first snapshot leaves no
// .kodo/db.tmp-* folder behind once kodo runs again.
import fs from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { KODO_BIN, runKodo } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const FILES = {
  // Clean for lint's error-level rules, which `up` checks first.
  'supabase/migrations/20240101000000_t.sql':
    'create table t (id bigint primary key);\nalter table t enable row level security;\ninsert into t select generate_series(1, 1000);\n',
};

const damagedLine = (reason: string) =>
  `error: The embedded database in .kodo/db is damaged (${reason}); run kodo reset to rebuild it from your migrations and seeds (only the data in that local database is lost).`;

async function tmpFolders(root: string): Promise<string[]> {
  return (await fs.readdir(path.join(root, '.kodo'))).filter((n) => n.startsWith('db.tmp-'));
}

describe.concurrent('a damaged .kodo/db', { timeout: 120_000 }, () => {
  it('is reported in one line with how to rebuild it, and rebuilt when the user does so', async () => {
    const good = await makeFiles(FILES);
    expect((await runKodo(['up'], { cwd: good })).code).toBe(0);
    const damages: [string, (db: string) => Promise<void>, RegExp][] = [
      [
        'an empty pg_control',
        (db) => fs.truncate(path.join(db, 'global', 'pg_control'), 0),
        /^PGlite aborted while reading it$/,
      ],
      [
        'garbage in pg_control',
        (db) => fs.writeFile(path.join(db, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a)),
        /^PGlite failed to initialize properly$/,
      ],
      // pg_proc's heap: PGlite aborts or fails to read a block of it.
      [
        'a truncated catalog',
        (db) => fs.truncate(path.join(db, 'base', '5', '1255'), 0),
        /^could not read blocks? .* in file "base\/5\/1255"|^PGlite aborted/,
      ],
    ];
    const roots = await Promise.all(
      damages.map(async ([, damage]) => {
        const root = await makeFiles(FILES);
        await fs.cp(path.join(good, '.kodo'), path.join(root, '.kodo'), { recursive: true });
        await damage(path.join(root, '.kodo', 'db'));
        return root;
      }),
    );
    const runs = await Promise.all(roots.map((root) => runKodo(['status'], { cwd: root })));
    for (const [i, run] of runs.entries()) {
      expect(run.code, damages[i]![0]).toBe(2);
      expect(run.stdout).toBe('');
      const reason = /^error: The embedded database in \.kodo\/db is damaged \((.*)\); run kodo reset/.exec(
        run.stderr,
      )?.[1];
      expect(reason, `${damages[i]![0]}: ${run.stderr}`).toMatch(damages[i]![2]);
      expect(run.stderr).toBe(damagedLine(reason!));
      // Nothing was deleted for the user.
      await expect(fs.access(path.join(roots[i]!, '.kodo', 'db', 'PG_VERSION'))).resolves.toBeUndefined();
    }
    // Following the message works.
    await fs.rm(path.join(roots[0]!, '.kodo', 'db'), { recursive: true });
    const rebuilt = await runKodo(['up', '--json'], { cwd: roots[0]! });
    expect(rebuilt.code).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ applied: ['20240101000000'], failure: null });
  });

  it('met by a migration (a truncated index) is named as damage, with how to rebuild it', async () => {
    const root = await makeFiles(FILES);
    expect((await runKodo(['up'], { cwd: root })).code).toBe(0);
    const db = await openDatabase('embedded', { root, env: {} });
    const file = (await db.query<{ f: string }>("select pg_relation_filepath('t_pkey') as f")).rows[0]!.f;
    await db.close();
    // The primary key's index keeps its first page only: updating the keys reads past it (data_corrupted).
    await fs.truncate(path.join(root, '.kodo', 'db', file), 8192);
    await fs.writeFile(
      path.join(root, 'supabase/migrations/20240101000001_touch.sql'),
      'update t set id = id;\n',
    );
    const run = await runKodo(['up', '--json'], { cwd: root });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      applied: [],
      failure: {
        file: 'supabase/migrations/20240101000001_touch.sql',
        sqlstate: 'XX001',
        hint: "kodo's embedded database in .kodo/db is damaged; run kodo reset to rebuild it from your migrations and seeds (only the data in that local database is lost).",
      },
    });
  });
});

describe.concurrent('something else at .kodo/db', () => {
  for (const [what, make] of [
    ['a file', (db: string) => fs.writeFile(db, '')],
    ['a symlink to nothing', (db: string) => fs.symlink('/nonexistent/kodo-db', db)],
  ] as const) {
    it(`is refused when it is ${what}, and nothing is extracted`, async () => {
      const root = await makeFiles(FILES);
      await fs.mkdir(path.join(root, '.kodo'));
      await make(path.join(root, '.kodo', 'db'));
      expect(await runKodo(['up'], { cwd: root })).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: .kodo/db is ${what}, not a folder; move it away so that kodo can create its embedded database there.`,
      });
      expect(await tmpFolders(root)).toEqual([]);
    });
  }
});

describe('a kill -9 during the first snapshot extraction', { timeout: 120_000 }, () => {
  it('leaves no .kodo/db.tmp-* behind once kodo runs again', async () => {
    const root = await makeFiles(FILES);
    await fs.mkdir(path.join(root, '.kodo'));
    // Killed the moment the temporary folder appears; a run that finishes first proves nothing, so retry it.
    let killedMidway = false;
    for (let attempt = 0; attempt < 3 && !killedMidway; attempt++) {
      const child = execa(process.execPath, [KODO_BIN, 'up', '--cwd', root], { reject: false });
      const watcher = (await import('node:fs')).watch(path.join(root, '.kodo'), (_event, name) => {
        if (String(name).startsWith('db.tmp-')) child.kill('SIGKILL');
      });
      const result = await child;
      watcher.close();
      killedMidway = result.signal === 'SIGKILL' && (await tmpFolders(root)).length > 0;
      if (!killedMidway) await fs.rm(path.join(root, '.kodo', 'db'), { recursive: true, force: true });
    }
    expect(killedMidway, 'kodo was never killed mid-extraction').toBe(true);
    await expect(fs.access(path.join(root, '.kodo', 'db'))).rejects.toThrow();
    const next = await runKodo(['up', '--json'], { cwd: root });
    expect(next.code, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ applied: ['20240101000000'], failure: null });
    expect(await tmpFolders(root)).toEqual([]);
  });
});
