// `repair` edits history rows only: applied needs the local file and writes the CLI's row; reverted deletes.
import { describe, expect, it } from 'vitest';
import { repairHistory } from '../../src/apply/repair.js';
import { migrationStatus } from '../../src/apply/status.js';
import { up } from '../../src/apply/up.js';
import { isKodoError } from '../../src/core/errors.js';
import { approve, freshTarget, historyRows, makeProject, TARGETS, tableExists } from './helpers.js';

describe.each(TARGETS)('repair on $kind', ({ kind, skip }) => {
  it.skipIf(skip)(
    'marks a version applied without running its SQL, with the CLI row and the checksum',
    async () => {
      const project = await makeProject({
        '20240101000000_a.sql': 'create table a (id int);\ncreate table a2 (id int);\n',
        '20240102000000_b.sql': 'create table b (id int);',
      });
      const db = await freshTarget(kind, project);
      const opts = { root: project.root, db, env: {} };
      const dry = await repairHistory({
        ...opts,
        versions: ['20240101000000'],
        status: 'applied',
        dryRun: true,
      });
      expect(dry.changes).toEqual([
        { version: '20240101000000', action: 'insert', file: 'supabase/migrations/20240101000000_a.sql' },
      ]);

      // Approved as the CLI's --yes does: this test is about the rows, consent has its own tests.
      const result = await repairHistory({
        ...opts,
        versions: ['20240101000000'],
        status: 'applied',
        confirm: approve,
      });
      expect(result).toMatchObject({ status: 'applied', repaired: ['20240101000000'], dryRun: false });
      expect(await tableExists(project, db, 'public.a')).toBe(false);
      expect(await historyRows(project, db)).toEqual([
        {
          version: '20240101000000',
          name: 'a',
          statements: ['create table a (id int)', 'create table a2 (id int)'],
        },
      ]);
      const status = await migrationStatus(opts);
      expect(status.pending).toEqual(['20240102000000']);
      expect(status.edited).toEqual([]);

      const again = await repairHistory({
        ...opts,
        versions: ['20240101000000'],
        status: 'applied',
        confirm: approve,
      });
      expect(again.changes[0]?.action).toBe('update');
    },
  );

  it.skipIf(skip)('refuses applied for a version with no local file', async () => {
    const project = await makeProject({ '20240101000000_a.sql': 'select 1;' });
    const db = await freshTarget(kind, project);
    let error: unknown;
    try {
      await repairHistory({
        root: project.root,
        db,
        env: {},
        versions: ['20230101000000'],
        status: 'applied',
      });
    } catch (e) {
      error = e;
    }
    expect(isKodoError(error) && error.code).toBe('no-local-file');
    expect((error as Error).message).toMatch(
      /^No local file for version 20230101000000 in supabase\/migrations;/,
    );
  });

  it.skipIf(skip)(
    'reverts versions, including ones with no local file, and never drops objects',
    async () => {
      const project = await makeProject({
        '20240101000000_a.sql': 'create table a (id int);',
        '20240102000000_b.sql': 'create table b (id int);',
      });
      const db = await freshTarget(kind, project);
      const opts = { root: project.root, db, env: {} };
      await up({ ...opts, confirm: approve });
      await project.remove('20240102000000_b.sql');
      expect((await migrationStatus(opts)).missingLocal).toEqual(['20240102000000']);
      const result = await repairHistory({
        ...opts,
        versions: ['20240102000000', '20990101000000'],
        status: 'reverted',
        confirm: approve,
      });
      expect(result.changes).toEqual([
        { version: '20240102000000', action: 'delete', file: null },
        { version: '20990101000000', action: 'unchanged', file: null },
      ]);
      expect(await tableExists(project, db, 'public.b')).toBe(true);
      const status = await migrationStatus(opts);
      expect(status.missingLocal).toEqual([]);
      expect(status.pending).toEqual([]);
    },
  );

  it('refuses versions that are not digits before touching any database', async () => {
    const project = await makeProject({});
    await expect(
      repairHistory({ root: project.root, db: 'memory', versions: ['2024-01-01'], status: 'reverted' }),
    ).rejects.toThrow(/^Invalid version "2024-01-01": versions are the digits/);
  });
});
