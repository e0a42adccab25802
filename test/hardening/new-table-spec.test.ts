// `kodo new --table-spec FILE` reads what a person names, but only a regular file of bounded size: a device or a
// FIFO is one error line, never a hang or gigabytes of memory, and nothing is written.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKodo } from '../helpers/cli.js';
import { listTree, makeFiles } from '../helpers/temp.js';

describe('kodo new --table-spec', () => {
  it('refuses a device and a FIFO with one line, writing nothing', async () => {
    const root = await makeFiles({ 'supabase/migrations/.gitkeep': '' });
    const fifo = path.join(root, 'spec.fifo');
    execFileSync('mkfifo', [fifo]);
    const before = await listTree(root);
    const device = await runKodo([
      'new',
      'orders',
      '--template',
      'table',
      '--table-spec',
      '/dev/zero',
      '--cwd',
      root,
    ]);
    expect([device.code, device.stdout, device.stderr]).toEqual([
      2,
      '',
      'error: Table spec /dev/zero is a device, not a regular file; kodo reads only regular files, so replace or remove it.',
    ]);
    const pipe = await runKodo(['new', 'orders', '--template', 'table', '--table-spec', fifo, '--cwd', root]);
    expect([pipe.code, pipe.stderr]).toEqual([
      2,
      `error: Table spec ${fifo} is a FIFO (named pipe), not a regular file; kodo reads only regular files, so replace or remove it.`,
    ]);
    expect(await listTree(root)).toEqual(before);
  });
});
