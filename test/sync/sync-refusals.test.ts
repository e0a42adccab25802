// What kodo sync refuses before writing anything: a full range, a file in the way, an unknown workspace.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncOrm } from '../../src/sync/sync.js';
import { listTree } from '../helpers/temp.js';
import { sqlxProject } from './sync-helpers.js';

describe('kodo sync refuses, and writes nothing', () => {
  it('a range without room for every new migration: one sentence, no file', async () => {
    const root = await sqlxProject(
      { '0001_a.sql': 'select 1;\n', '0002_b.sql': 'select 2;\n', '0003_c.sql': 'select 3;\n' },
      {},
      { start: '00300', end: '00303' },
    );
    const before = await listTree(root);
    await expect(syncOrm({ root })).rejects.toThrow(
      'Range 00300-00303 of workspace "rs" has no free schema version after 00302; give the workspace a new, larger serviceRange in .kodo/config.json.',
    );
    expect(await listTree(root)).toEqual(before);
  });

  it('a rollback file already in the way: the migrations written before it are removed again', async () => {
    const root = await sqlxProject(
      { '0001_a.sql': 'select 1;\n', '0002_b.up.sql': 'select 2;\n', '0002_b.down.sql': 'select 3;\n' },
      { 'supabase/rollbacks/00302_rust_b.sql': 'stale\n' },
    );
    const before = await listTree(root);
    await expect(syncOrm({ root })).rejects.toThrow(
      'supabase/rollbacks/00302_rust_b.sql already exists and kodo sync never overwrites a file it did not plan to; move it away and run kodo sync again (nothing was written).',
    );
    expect(await listTree(root)).toEqual(before);
  });

  it('an unknown workspace, naming the known ones', async () => {
    const root = await sqlxProject({ '0001_a.sql': 'select 1;\n' });
    await expect(syncOrm({ root, workspace: 'nope' })).rejects.toThrow(
      'Unknown workspace "nope"; use one of: rs.',
    );
  });

  it('a bad SQLx folder: nothing of any workspace is written', async () => {
    const root = await sqlxProject({ '0001_a.sql': 'select 1;\n', '0001_b.sql': 'select 2;\n' });
    const before = await listTree(root);
    await expect(syncOrm({ root })).rejects.toThrow('Version 1 is used by');
    expect(await listTree(root)).toEqual(before);
    await expect(fs.access(path.join(root, 'supabase/migrations/00300_rust_a.sql'))).rejects.toThrow();
  });
});
