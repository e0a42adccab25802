// Item 4 of issue 8: what is linted is what is applied. Every command lists supabase/migrations through one
// function: regular files, and symlinks only to regular files inside the project; anything else (a link out of the
// project, a dangling link, a link to a folder, a FIFO) is one error naming the file, from lint, check, status and
// up alike, and nothing is applied. Files are read with a 64 MB limit, and a FIFO or a device named on the command
// line is refused, never read (a read would hang or fill memory).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const DIR = 'supabase/migrations';
const BASE = { [`${DIR}/20240101000000_base.sql`]: 'create table base (id bigint primary key);\n' };
const LINKED = `${DIR}/20240101000001_linked.sql`;

type Make = (root: string, file: string) => Promise<string>;

/** A project whose second migration is made by `make` (a link, a FIFO, ...), and what `make` returned. */
async function projectWith(make: Make): Promise<{ root: string; made: string }> {
  const root = await makeFiles({ ...BASE, 'shared/inside.sql': 'create table linked (id int);\n' });
  return { root, made: await make(root, path.join(root, LINKED)) };
}

/** Links the migration to `target(root)`; returns the link's real target. */
const link =
  (target: (root: string) => string | Promise<string>): Make =>
  async (root, file) => {
    const to = await target(root);
    await fs.symlink(to, file);
    return path.resolve(path.dirname(file), to);
  };

describe.concurrent('a migration that is not a plain file', () => {
  it('is linted, checked and applied when it links to a regular file inside the project', async () => {
    const { root } = await projectWith(link(() => '../../shared/inside.sql'));
    const [lint, check, up] = await Promise.all([
      runKodoJson<{ findings: { file: string; rule: string }[]; summary: { files: number } }>(['lint'], {
        cwd: root,
      }),
      runKodoJson<{ findings: { file: string; rule: string }[] }>(['check'], { cwd: root }),
      // --no-verify: the linked file's finding would otherwise (rightly) stop up.
      runKodoJson<{ applied: string[] }>(['up', '--db', 'memory', '--no-verify'], { cwd: root }),
    ]);
    expect(lint.json.summary.files).toBe(2);
    expect(lint.json.findings).toContainEqual(
      expect.objectContaining({ file: LINKED, rule: 'rls-disabled-in-public' }),
    );
    expect(check.json.findings).toContainEqual(
      expect.objectContaining({ file: LINKED, rule: 'rls-disabled-in-public' }),
    );
    expect(up.json.applied).toEqual(['20240101000000', '20240101000001']);
  });

  const refused: [string, Make, (made: string) => string][] = [
    [
      'a link out of the project',
      // The target exists and is a regular file: only its place makes it wrong.
      link(async () =>
        path.join(await makeFiles({ 'outside.sql': 'create table outside (id int);\n' }), 'outside.sql'),
      ),
      (target) =>
        `error: ${LINKED} is a symlink to ${target}, outside the project; kodo follows links only to files inside the project, so copy the file in or remove the link.`,
    ],
    [
      'a dangling link',
      link(() => '../../shared/missing.sql'),
      () =>
        `error: ${LINKED} is a symlink to ../../shared/missing.sql, which leads to nothing; point it at a migration file inside the project or remove it.`,
    ],
    [
      'a link to a folder',
      link(() => '../../shared'),
      (target) =>
        `error: ${LINKED} is a symlink to a folder (${target}), not a regular file; point it at a migration file or remove it.`,
    ],
    [
      'a FIFO',
      async (_root, file) => {
        execFileSync('mkfifo', [file]);
        return '';
      },
      () =>
        `error: ${LINKED} is a FIFO (named pipe), not a regular file; kodo reads migrations only from regular files, so replace it with a file or remove it.`,
    ],
    [
      'a file over 64 MB',
      // Sparse: instant, and no disk used.
      async (_root, file) => {
        await fs.writeFile(file, '');
        await fs.truncate(file, 65 * 1024 * 1024);
        return '';
      },
      () =>
        `error: ${LINKED} is 65 MB, over kodo's limit of 64 MB for one SQL file; split it into smaller migrations.`,
    ],
  ];

  for (const [what, make, message] of refused) {
    it(`is refused by name by lint and up (and check, status) when it is ${what}`, async () => {
      const { root, made } = await projectWith(make);
      const commands = [['lint'], ['up', '--db', 'memory']];
      // Every command lists through the same function; two more prove it once, without 10 more processes.
      if (what === refused[0]![0]) commands.push(['check'], ['status', '--db', 'memory']);
      const runs = await Promise.all(commands.map((args) => runKodo(args, { cwd: root })));
      for (const run of runs) expect(run).toEqual({ code: 2, stdout: '', stderr: message(made) });
      // Nothing was created by the refused up.
      await expect(fs.access(path.join(root, '.kodo'))).rejects.toThrow();
    });
  }
});

describe.concurrent('supabase/migrations itself', () => {
  it('is refused by lint and up when it is a FIFO, never opened', async () => {
    const root = await makeFiles({});
    await fs.mkdir(path.join(root, 'supabase'));
    execFileSync('mkfifo', [path.join(root, DIR)]);
    const runs = await Promise.all(
      [['lint'], ['up', '--db', 'memory']].map((a) => runKodo(a, { cwd: root })),
    );
    for (const run of runs) {
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: ${DIR} is not a folder; move it away (kodo reads migrations from the folder of that name).`,
      });
    }
  });
});

describe.concurrent('kodo lint PATH', () => {
  it('refuses a FIFO or a device named on the command line instead of reading it', async () => {
    const root = await makeFiles(BASE);
    execFileSync('mkfifo', [path.join(root, 'pipe.sql')]);
    const [fifo, device] = await Promise.all([
      runKodo(['lint', 'pipe.sql'], { cwd: root }),
      runKodo(['lint', '/dev/zero'], { cwd: root }),
    ]);
    expect(fifo).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: pipe.sql is a FIFO (named pipe), not a regular file; kodo reads only regular files, so replace or remove it.',
    });
    expect(device).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: /dev/zero is a device, not a regular file; kodo reads only regular files, so replace or remove it.',
    });
  });

  it('lints a file anywhere that a person names, through a link too', async () => {
    const elsewhere = await makeFiles({ 'x.sql': 'create table x (id int);\n' });
    const root = await makeFiles(BASE);
    await fs.symlink(path.join(elsewhere, 'x.sql'), path.join(root, 'x-link.sql'));
    const run = await runKodoJson<{ findings: { file: string; rule: string }[] }>(
      ['lint', path.join(elsewhere, 'x.sql'), 'x-link.sql'],
      { cwd: root },
    );
    expect(new Set(run.json.findings.map((f) => f.file))).toEqual(
      new Set([path.join(elsewhere, 'x.sql'), 'x-link.sql']),
    );
  });
});
