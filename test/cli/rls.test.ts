// `kodo rls test` and `kodo rls diff` as people and CI run them (the built CLI): exit 1 on a leak with each leak
// named, the JSON shape, the markdown for a pull request, plain text off a terminal, a bad spec file in one
// sentence, the example project passing, and the diff failing only on a leak left open.
import { describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { copyExample, makeFiles } from '../helpers/temp.js';
import { PLANTED_LEAKS, PLANTED_SQL } from '../rls/fixtures/planted.js';

const PLANTED = { 'supabase/migrations/20250101000000_planted.sql': PLANTED_SQL };

interface RlsJson {
  leaks: Array<{ table: string; persona: string; operation: string; policy: string | null }>;
  unproven: Array<{ table: string; reason: string }>;
  cases: Array<{ source: string; pass: boolean }>;
  passed: number;
  failed: number;
  specs: string[];
}

describe('kodo rls', { timeout: 180_000 }, () => {
  it('fails on the planted leaks and names each with its policy (JSON)', async () => {
    const root = await makeFiles(PLANTED);
    const { code, json } = await runKodoJson<RlsJson>(['rls', 'test', '--cwd', root]);
    expect(code).toBe(1);
    expect(json.leaks.map((l) => [l.table, l.persona, l.operation, l.policy]).sort()).toEqual(
      [...PLANTED_LEAKS].sort(),
    );
    expect(json.unproven.map((u) => u.table)).toEqual(['public.countries']);
    expect(json.failed).toBe(json.cases.filter((c) => !c.pass).length);
    expect(json.specs).toEqual([]);
  });

  it('prints the matrix as plain text off a terminal and markdown for a pull request', async () => {
    const root = await makeFiles(PLANTED);
    const text = await runKodo(['rls', 'test', '--cwd', root]);
    expect(text.code).toBe(1);
    expect(text.stdout).not.toContain('\u001b[');
    expect(text.stdout).toMatch(/^public\.posts\s+LEAK\s/m);
    expect(text.stdout).toContain(
      "public.invoices: authenticated insert: inserted the other owner's row, via policy invoices_insert",
    );
    expect(text.stdout.trim().split('\n').at(-1)).toMatch(
      /^failed: \d+ case\(s\) passed, \d+ failed; 13 table\(s\) in the matrix, 1 not proven\.$/,
    );
    const md = await runKodo(['rls', 'test', '--cwd', root, '--format', 'markdown']);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('### kodo rls test: failed');
    expect(md.stdout).toContain('| table | authenticated select |');
  });

  it('passes on the example project', async () => {
    const root = await copyExample();
    const { code, json } = await runKodoJson<RlsJson>(['rls', 'test', '--cwd', root]);
    expect(code).toBe(0);
    expect(json.leaks).toEqual([]);
    expect(json.unproven).toEqual([]);
    expect(json.failed).toBe(0);
  });

  it('refuses a spec file that does not parse, in one sentence naming the file, and opens no database', async () => {
    const root = await makeFiles({ ...PLANTED, 'supabase/tests/rls/broken.yaml': 'personas: [\n' });
    const run = await runKodo(['rls', 'test', '--cwd', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('supabase/tests/rls/broken.yaml');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to test nothing: no spec file and --no-matrix', async () => {
    const root = await makeFiles(PLANTED);
    const run = await runKodo(['rls', 'test', '--no-matrix', '--cwd', root]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'error: There is no spec file in supabase/tests/rls and the matrix is off, so there is nothing to test; write a spec file (see docs/rls-specs.md) or let the matrix run (leave out --no-matrix, or matrix: false in MCP).',
    );
  });

  it('rls diff exits 1 on a leak left open and 0 once a later file closes it', async () => {
    const base = `create table public.notes (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id));
alter table public.notes enable row level security;
create policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid()));
`;
    const open = await makeFiles({
      'supabase/migrations/00001_notes.sql': base,
      'supabase/migrations/00002_all.sql':
        'create policy notes_all on public.notes for select to authenticated using (true);\n',
    });
    const failed = await runKodo(['rls', 'diff', '--cwd', open, '--since', '00001']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      "LEAK supabase/migrations/00002_all.sql: authenticated can now read other users' rows in public.notes, via policy notes_all",
    );
    const closed = await makeFiles({
      'supabase/migrations/00001_notes.sql': base,
      'supabase/migrations/00002_all.sql':
        'create policy notes_all on public.notes for select to authenticated using (true);\n',
      'supabase/migrations/00003_fix.sql': 'drop policy notes_all on public.notes;\n',
    });
    const passed = await runKodo(['rls', 'diff', '--cwd', closed, '--since', '00001']);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('(a leak until 00003_fix.sql closed it)');
    expect(passed.stdout.trim().split('\n').at(-1)).toBe('passed: 2 change(s), no leak left open.');
  });
});
