// Issue 8 items 7, 8 and 10 on the embedded database, as a user meets them (a kodo process): up lints before it
// applies, dry runs create nothing, check ends with its verdict, and Ctrl-C stops after the file in progress.
import fs from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { KODO_BIN, runKodo, runKodoJson } from '../helpers/cli.js';
import { listTree, makeFiles } from '../helpers/temp.js';

const ok = (t: string) =>
  `create table public.${t} (id bigint primary key);\nalter table public.${t} enable row level security;\n`;
const SPLIT = `${ok('a')}commit;\n${ok('b')}select 1/0;\n`;

describe.concurrent('up verifies, dry runs write nothing, check ends with its verdict', () => {
  it('refuses a file whose COMMIT splits it (nothing created), applies it with --no-verify and says so', async () => {
    const root = await makeFiles({ 'supabase/migrations/00001_a.sql': SPLIT });
    const before = await listTree(root);
    const refused = await runKodo(['up', '--cwd', root]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      'supabase/migrations/00001_a.sql:3:1 error [transaction-nesting] This COMMIT splits the file',
    );
    expect(refused.stdout).toContain('  3 | commit;');
    expect(refused.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Refused: 1 error-level finding(s) in the pending migrations; nothing was applied to embedded (.kodo/db). Fix them, or rerun with --no-verify to apply anyway.',
    );
    expect(await listTree(root)).toEqual(before);

    const forced = await runKodoJson<{ applied: string[]; warnings: string[] }>([
      'up',
      '--no-verify',
      '--cwd',
      root,
    ]);
    expect(forced.code).toBe(1);
    expect(forced.json.applied).toEqual([]);
    expect(forced.json.warnings).toEqual([
      `supabase/migrations/00001_a.sql:3: "commit" ends the file's transaction, so the file is not atomic: the statements before it are committed and stay applied if a later one fails, and the rest runs outside that transaction (as with the Supabase CLI).`,
    ]);
  });

  it('up --dry-run and repair --dry-run create no .kodo/db and plan against an empty history', async () => {
    const root = await makeFiles({ 'supabase/migrations/00001_a.sql': ok('a') });
    const before = await listTree(root);
    const up = await runKodoJson<{ plan: unknown[]; planId: string }>(['up', '--dry-run', '--cwd', root]);
    expect(up.code).toBe(0);
    expect(up.json.plan).toEqual([{ version: '00001', file: 'supabase/migrations/00001_a.sql' }]);
    const repair = await runKodoJson<{ changes: unknown[] }>([
      'repair',
      '00001',
      '--status',
      'applied',
      '--dry-run',
      '--cwd',
      root,
    ]);
    expect(repair.json.changes).toEqual([
      { version: '00001', action: 'insert', file: 'supabase/migrations/00001_a.sql' },
    ]);
    expect(await listTree(root)).toEqual(before);
    // The dry run's planId is the one the real run has: the stand-in is labelled as the database will be.
    const real = await runKodoJson<{ planId: string; applied: string[] }>(['up', '--cwd', root]);
    expect(real.json).toMatchObject({ planId: up.json.planId, applied: ['00001'] });
  });

  it('check: lint-format findings, one verdict line that agrees with the exit code, ok in --json', async () => {
    const root = await makeFiles({
      'supabase/migrations/00001_a.sql': ok('a'),
      'supabase/migrations/00002_b.sql': 'create table public.b (id bigint primary key);\n',
    });
    const failed = await runKodo(['check', '--cwd', root]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      'supabase/migrations/00002_b.sql:1:1 error [rls-disabled-in-public] Table public.b is exposed',
    );
    expect(failed.stdout.trimEnd().split('\n').at(-1)).toBe('failed: 1 error finding(s).');
    const json = await runKodoJson<{ ok: boolean }>(['check', '--cwd', root]);
    expect(json.json.ok).toBe(false);

    await fs.writeFile(path.join(root, 'supabase/migrations/00002_b.sql'), ok('b'));
    const passed = await runKodo(['check', '--cwd', root]);
    expect(passed.code).toBe(0);
    expect(passed.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^passed: all 2 migration\(s\) apply on memory \(scratch\); \d+ finding\(s\) below error level\.$/,
    );
  });

  it('the first Ctrl-C stops up after the file in progress: exit 130, says how far it got', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 4; i++) files[`supabase/migrations/0000${i}_t${i}.sql`] = ok(`t${i}`);
    files['supabase/migrations/00002_t2.sql'] = `${ok('t2')}select pg_sleep(1.5);\n`;
    const root = await makeFiles(files);
    const child = execa(process.execPath, [KODO_BIN, 'up', '--cwd', root], { reject: false, env: {} });
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('Applying migration 00002_t2.sql')) resolve();
      });
    });
    child.kill('SIGINT');
    const done = await child;
    expect(done.exitCode).toBe(130);
    expect(done.stderr).toContain('Interrupted: stopping after the migration in progress');
    expect(done.stdout).toContain(
      'Interrupted: applied 2 migration(s) to embedded (.kodo/db); 2 still pending.',
    );
    const status = await runKodoJson<{ pending: string[] }>(['status', '--cwd', root]);
    expect(status.json.pending).toEqual(['00003', '00004']);
  });
});
