// Item 8 of issue 8 (the folder part): a --cwd that does not exist, or is a file, is one error for every command,
// and nothing is created (`up` used to create /nonexistent/dir/.kodo/db; check, status and detect said all was
// fine). A project without supabase/migrations is told so by every command that reads migrations, without failing:
// having no migrations is not a failed migration.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { listTree, tempDir } from '../helpers/temp.js';

const COMMANDS = [
  ['detect'],
  ['allocate'],
  ['new', 'add users'],
  ['list'],
  ['status'],
  ['up', '--yes'],
  ['repair', '--status', 'applied', '20240101000000'],
  ['check'],
  ['lint'],
];

describe.concurrent('--cwd', () => {
  it('that does not exist is an error for every command, and nothing is created', async () => {
    const parent = await tempDir();
    const missing = path.join(parent, 'nonexistent', 'dir');
    const runs = await Promise.all(COMMANDS.map((args) => runKodo([...args, '--cwd', missing])));
    for (const run of runs) {
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: --cwd ${missing} does not exist; pass the root folder of an existing project.`,
      });
    }
    expect(await listTree(parent)).toEqual([]);
  });

  it('that is a file is an error for every command', async () => {
    const parent = await tempDir();
    const file = path.join(parent, 'a-file');
    await fs.writeFile(file, '');
    const runs = await Promise.all(COMMANDS.map((args) => runKodo([...args, '--cwd', file])));
    for (const run of runs) {
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: --cwd ${file} is not a folder; pass the root folder of an existing project.`,
      });
    }
  });
});

describe('a folder without supabase/migrations', () => {
  it('is said to be one by check, status, list and up, which still succeed; lint has nothing to lint', async () => {
    const root = await tempDir();
    const warning = `There is no supabase/migrations folder in ${root}, so there are no migrations; run kodo in the project root (or pass --cwd), or create the first migration with kodo new.`;
    const [check, status, list, up, lint] = await Promise.all([
      runKodoJson<{ warnings: string[] }>(['check'], { cwd: root }),
      runKodoJson<{ warnings: string[] }>(['status', '--db', 'memory'], { cwd: root }),
      runKodo(['list', '--db', 'memory'], { cwd: root }),
      runKodo(['up', '--db', 'memory'], { cwd: root }),
      runKodo(['lint'], { cwd: root }),
    ]);
    expect(check).toMatchObject({ code: 0, json: { warnings: [warning] } });
    expect(status).toMatchObject({ code: 0, json: { warnings: [warning] } });
    expect(list.code).toBe(0);
    expect(list.stderr).toContain(`warning: ${warning}`);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`warning: ${warning}`);
    expect(lint).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: supabase/migrations does not exist in ${root}; pass migration files or folders.`,
    });
  });
});
