// Missing-local, out-of-order and edited-after-apply against real databases, through `up` and `status`.
import { describe, expect, it } from 'vitest';
import { migrationStatus } from '../../src/apply/status.js';
import { up } from '../../src/apply/up.js';
import { isKodoError } from '../../src/core/errors.js';
import { approve, freshTarget, makeProject, TARGETS } from './helpers.js';

const HYBRID_CONFIG = {
  stack: {
    workspaces: {
      api: {
        language: 'typescript',
        database: { orm: { name: 'drizzle' }, migrationStrategy: { type: 'hybrid' } },
      },
      worker: {
        language: 'python',
        database: { orm: { name: 'sqlalchemy' }, migrationStrategy: { type: 'hybrid' } },
      },
    },
  },
};

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isKodoError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe.each(TARGETS)('pending order on $kind', ({ kind, skip }) => {
  it.skipIf(skip)('plain mode: an out-of-order file needs --include-all', async () => {
    const project = await makeProject({
      '20240101000000_a.sql': 'create table a (id int);',
      '20240103000000_c.sql': 'create table c (id int);',
    });
    const db = await freshTarget(kind, project);
    const opts = { root: project.root, db, env: {}, confirm: approve };
    expect((await up(opts)).applied).toEqual(['20240101000000', '20240103000000']);
    await project.write('20240102000000_b.sql', 'create table b (id int);');
    const status = await migrationStatus(opts);
    expect(status.pending).toEqual(['20240102000000']);
    expect(status.outOfOrder).toEqual(['20240102000000']);
    const r = await refusal(up(opts));
    expect(r.code).toBe('out-of-order');
    expect(r.message).toContain('supabase/migrations/20240102000000_b.sql');
    expect((await up({ ...opts, includeAll: true })).applied).toEqual(['20240102000000']);
  });

  it.skipIf(skip)('plain mode: applied versions with no local file stop up', async () => {
    const project = await makeProject({
      '20240101000000_a.sql': 'create table a (id int);',
      '20240102000000_b.sql': 'create table b (id int);',
    });
    const db = await freshTarget(kind, project);
    const opts = { root: project.root, db, env: {}, confirm: approve };
    await up(opts);
    await project.remove('20240102000000_b.sql');
    await project.write('20240103000000_c.sql', 'create table c (id int);');
    const status = await migrationStatus(opts);
    expect(status.missingLocal).toEqual(['20240102000000']);
    expect(status.migrations.find((m) => m.version === '20240102000000')).toMatchObject({
      local: false,
      applied: true,
      file: null,
      name: 'b',
    });
    const r = await refusal(up({ ...opts, includeAll: true }));
    expect(r.code).toBe('missing-local');
    expect(r.message).toContain('Remote migration versions not found in local migrations directory');
    expect(r.message).toContain('kodo repair --status reverted 20240102000000');
  });

  it.skipIf(skip)(
    'hybrid mode: a lower version of another range applies with a note; the same range needs --include-all',
    async () => {
      const project = await makeProject(
        {
          '00000_extensions.sql': 'create schema if not exists app;',
          '00100_node_users.sql': 'create table app.users (id int primary key);',
          '00200_python_jobs.sql': 'create table app.jobs (id int primary key);',
        },
        HYBRID_CONFIG,
      );
      const db = await freshTarget(kind, project);
      const opts = { root: project.root, db, env: {}, confirm: approve };
      expect((await up(opts)).applied).toEqual(['00000', '00100', '00200']);

      await project.write('00102_node_orders.sql', 'create table app.orders (id int primary key);');
      const status = await migrationStatus(opts);
      expect(status).toMatchObject({
        mode: 'hybrid',
        pending: ['00102'],
        outOfOrder: [],
        crossRange: ['00102'],
      });
      const applied = await up(opts);
      expect(applied.applied).toEqual(['00102']);
      expect(applied.notes.join('\n')).toContain('00102_node_orders.sql sorts before 00200');

      await project.write('00104_node_items.sql', 'create table app.items (id int primary key);');
      await project.write('00106_node_more.sql', 'create table app.more (id int primary key);');
      expect((await up(opts)).applied).toEqual(['00104', '00106']);
      await project.write('00103_node_late.sql', 'create table app.late (id int primary key);');
      const r = await refusal(up(opts));
      expect(r.code).toBe('out-of-order');
      expect(r.message).toContain('same service range (00103 in api 00100-00199)');
      expect((await up({ ...opts, includeAll: true })).applied).toEqual(['00103']);
    },
  );

  it.skipIf(skip)('reports a file edited after it was applied', async () => {
    const project = await makeProject({ '20240101000000_a.sql': 'create table a (id int);' });
    const db = await freshTarget(kind, project);
    const opts = { root: project.root, db, env: {}, confirm: approve };
    await up(opts);
    expect((await migrationStatus(opts)).edited).toEqual([]);
    await project.write('20240101000000_a.sql', 'create table a (id bigint);');
    const status = await migrationStatus(opts);
    expect(status.edited).toEqual(['20240101000000']);
    expect(status.migrations[0]).toMatchObject({ applied: true, edited: true });
    expect(status.warnings.join('\n')).toContain(
      'supabase/migrations/20240101000000_a.sql changed after it was applied',
    );
    expect((await up(opts)).warnings.join('\n')).toContain('changed after it was applied');
  });
});
