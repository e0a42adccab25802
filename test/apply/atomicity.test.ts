// A failing file leaves nothing behind and its error points at the right line and column of the file.
import { describe, expect, it } from 'vitest';
import { up } from '../../src/apply/up.js';
import {
  approve,
  freshTarget,
  historyRows,
  makeProject,
  onDatabase,
  TARGETS,
  tableExists,
} from './helpers.js';

describe.each(TARGETS)('failure atomicity on $kind', ({ kind, skip }) => {
  it.skipIf(skip)('rolls back a 3-statement file failing at statement 3, with no history row', async () => {
    const project = await makeProject({
      '20240101000000_ok.sql': 'create table public.kept (id int);\n',
      '20240101000001_broken.sql': [
        '-- creates two tables, then fails',
        'create table public.first (id int);',
        'create table public.second (id int);',
        '',
        'insert into public.first (id)',
        '  select id from public.missing_table;',
        '',
      ].join('\n'),
      '20240101000002_later.sql': 'create table public.later (id int);\n',
    });
    const spec = await freshTarget(kind, project);
    const result = await up({ root: project.root, db: spec, env: {}, confirm: approve });
    expect(result.applied).toEqual(['20240101000000']);
    expect(result.pending).toEqual(['20240101000001', '20240101000002']);
    expect(result.failure).toEqual({
      file: 'supabase/migrations/20240101000001_broken.sql',
      version: '20240101000001',
      line: 6,
      column: 18,
      sqlstate: '42P01',
      message: 'relation "public.missing_table" does not exist',
      hint: null,
      detail: null,
      statement: 3,
    });
    expect(await tableExists(project, spec, 'public.kept')).toBe(true);
    expect(await tableExists(project, spec, 'public.first')).toBe(false);
    expect(await tableExists(project, spec, 'public.second')).toBe(false);
    expect(await tableExists(project, spec, 'public.later')).toBe(false);
    expect((await historyRows(project, spec)).map((r) => r.version)).toEqual(['20240101000000']);
  });

  it.skipIf(skip)('points at a syntax error in a later line, counting characters', async () => {
    const project = await makeProject({
      '20240101000000_syntax.sql':
        'select \'é🐘\' as a;\ncreate table t (\n  id int,\n  "é🐘" txet nope\n);\n',
    });
    const spec = await freshTarget(kind, project);
    const { failure } = await up({ root: project.root, db: spec, env: {}, confirm: approve });
    expect(failure).toMatchObject({ line: 4, column: 13, sqlstate: '42601', statement: 2 });
    expect(failure?.message).toBe('syntax error at or near "nope"');
  });

  it.skipIf(skip)(
    'points at the statement, not the comments above it, when Postgres gives no position',
    async () => {
      const project = await makeProject({
        '20240101000000_dup.sql':
          'create table public.t (id int);\n\n-- again\n/* still */\n  create table public.t (id int);\n',
      });
      const spec = await freshTarget(kind, project);
      const { failure } = await up({ root: project.root, db: spec, env: {}, confirm: approve });
      expect(failure).toMatchObject({ line: 5, column: 3, sqlstate: '42P07', statement: 2 });
    },
  );

  it.skipIf(skip)('keeps the hint Postgres gives', async () => {
    const project = await makeProject({
      '20240101000000_hint.sql': 'create table t (id int);\nselect idd from t;\n',
    });
    const spec = await freshTarget(kind, project);
    const { failure } = await up({ root: project.root, db: spec, env: {}, confirm: approve });
    expect(failure).toMatchObject({ line: 2, column: 8, sqlstate: '42703' });
    expect(failure?.hint).toMatch(/Perhaps you meant to reference the column "t.id"/);
  });

  it.skipIf(skip)(
    'runs CREATE INDEX CONCURRENTLY on its own and warns the file is no longer atomic',
    async () => {
      const project = await makeProject({
        '20240101000000_index.sql': [
          'create table public.items (id int, name text);',
          '-- build it without blocking writes',
          'create index concurrently items_name_idx on public.items (name);',
          'insert into public.items values (1, $$a$$);',
        ].join('\n'),
      });
      const spec = await freshTarget(kind, project);
      const result = await up({ root: project.root, db: spec, env: {}, confirm: approve });
      expect(result.failure).toBeNull();
      expect(result.warnings.join('\n')).toContain(
        'supabase/migrations/20240101000000_index.sql: "create index concurrently items_name_idx on public.items (name)" cannot run inside a transaction',
      );
      await onDatabase(project, spec, async (db) => {
        const { rows } = await db.query<{ indexname: string }>(
          "select indexname from pg_indexes where tablename = 'items'",
        );
        expect(rows.map((r) => r.indexname)).toEqual(['items_name_idx']);
      });
      expect((await historyRows(project, spec))[0]?.statements).toHaveLength(3);
    },
  );

  it.skipIf(skip)('resets session settings between files', async () => {
    const project = await makeProject({
      '20240101000000_dump.sql':
        "select pg_catalog.set_config('search_path', '', false);\ncreate table public.a (id int);\n",
      '20240101000001_next.sql': 'create table b (id int);\n',
    });
    const spec = await freshTarget(kind, project);
    const result = await up({ root: project.root, db: spec, env: {}, confirm: approve });
    expect(result.failure).toBeNull();
    expect(await tableExists(project, spec, 'public.b')).toBe(true);
  });
});
