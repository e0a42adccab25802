// `status` reads: on a project whose embedded database does not exist yet, it reports and creates nothing.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationStatus } from '../../src/apply/status.js';
import { up } from '../../src/apply/up.js';
import { makeProject } from './helpers.js';

describe('status before the embedded database exists', () => {
  it('lists every file as pending and leaves no .kodo folder behind', async () => {
    const project = await makeProject({
      '20240101000000_a.sql': 'create table public.a (id bigint primary key);',
      '20240101000001_b.sql': 'create table public.b (id bigint primary key);',
    });
    const status = await migrationStatus({ root: project.root, env: {} });
    expect(status.target).toBe('embedded (.kodo/db, not created yet)');
    expect(status.pending).toEqual(['20240101000000', '20240101000001']);
    expect(status.migrations.map((m) => [m.version, m.applied])).toEqual([
      ['20240101000000', false],
      ['20240101000001', false],
    ]);
    await expect(fs.access(path.join(project.root, '.kodo'))).rejects.toThrow(/ENOENT/);

    // Once `up` has created it, status reads it as usual.
    await up({ root: project.root, env: {} });
    const after = await migrationStatus({ root: project.root, env: {} });
    expect(after.target).toBe('embedded (.kodo/db)');
    expect(after.pending).toEqual([]);
  });
});
