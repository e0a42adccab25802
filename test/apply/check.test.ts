// `check` replays every migration on a fresh throwaway database and points at the first failure's line.
import { describe, expect, it } from 'vitest';
import { checkMigrations } from '../../src/apply/check.js';
import { SERVER_URL, serverAvailable } from '../helpers/postgres.js';
import { makeProject } from './helpers.js';

const SPECS = [
  { name: 'memory', spec: 'memory', skip: false },
  { name: 'a scratch database on the server', spec: SERVER_URL, skip: !serverAvailable },
];

describe.each(SPECS)('check on $name', ({ spec, skip }) => {
  it.skipIf(skip)('passes a healthy folder', async () => {
    const project = await makeProject({
      '20240101000000_a.sql': 'create table public.a (id uuid primary key default gen_random_uuid());',
      '20240101000001_b.sql':
        'alter table public.a enable row level security;\ncreate policy "own" on public.a for select to authenticated using (id = auth.uid());',
    });
    const result = await checkMigrations({ root: project.root, db: spec, env: {} });
    expect(result).toMatchObject({ total: 2, applied: 2, failure: null });
    // The lint step runs first: these files apply, but a reviewer would still be told this.
    expect(result.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.column])).toEqual([
      ['require-table-comment', 'info', 'supabase/migrations/20240101000000_a.sql', 1, 1],
      ['require-timestamps', 'info', 'supabase/migrations/20240101000000_a.sql', 1, 1],
      ['rls-missing-command-policy', 'info', 'supabase/migrations/20240101000001_b.sql', 1, 1],
      ['auth-rls-initplan', 'warning', 'supabase/migrations/20240101000001_b.sql', 2, 73],
    ]);
  });

  it.skipIf(skip)('reports lint errors even when every file applies', async () => {
    const project = await makeProject({
      '20240101000000_a.sql':
        'create table public.notes (id uuid primary key default gen_random_uuid(), body text);',
    });
    const result = await checkMigrations({ root: project.root, db: spec, env: {} });
    expect(result).toMatchObject({ total: 1, applied: 1, failure: null });
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([
      'rls-disabled-in-public',
    ]);
  });

  it.skipIf(skip)('finds a broken migration and points at its line', async () => {
    const project = await makeProject({
      '20240101000000_a.sql': 'create table public.a (id int primary key);',
      '20240101000001_b.sql': [
        'create table public.b (',
        '  id int primary key,',
        '  amount monee not null',
        ');',
      ].join('\n'),
      '20240101000002_c.sql': 'create table public.c (id int);',
    });
    const result = await checkMigrations({ root: project.root, db: spec, env: {} });
    expect(result.total).toBe(3);
    expect(result.applied).toBe(1);
    expect(result.failure).toMatchObject({
      file: 'supabase/migrations/20240101000001_b.sql',
      line: 3,
      column: 10,
      sqlstate: '42704',
      message: 'type "monee" does not exist',
      statement: 1,
    });
  });

  it.skipIf(skip)('catches duplicate versions at the history insert, like the CLI', async () => {
    const project = await makeProject({
      '20240101000000_a.sql': 'select 1;',
      '20240101000000_b.sql': 'select 2;',
    });
    const result = await checkMigrations({ root: project.root, db: spec, env: {} });
    expect(result.failure).toMatchObject({
      file: 'supabase/migrations/20240101000000_b.sql',
      sqlstate: '23505',
      statement: null,
    });
    expect(result.failure?.hint).toContain('renumber one of them');
    expect(result.warnings.join('\n')).toContain('share version 20240101000000');
  });
});
