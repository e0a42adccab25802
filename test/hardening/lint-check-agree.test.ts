// `kodo lint` and `kodo check` give one verdict on one folder: a .sql file the Supabase CLI skips for its name is
// an error for both, not an error for lint and a passing check.
import { describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const M = 'supabase/migrations';

describe('lint and check agree', () => {
  it('on files whose names the Supabase CLI skips', async () => {
    const root = await makeFiles({
      [`${M}/20240101000001_ok.sql`]: 'select 1;\n',
      [`${M}/20240101000008.sql`]: 'select 2;\n',
    });
    const lint = await runKodo(['lint', '--cwd', root]);
    const check = await runKodoJson<{ ok: boolean; findings: Array<{ file: string; rule: string }> }>([
      'check',
      '--cwd',
      root,
    ]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain(`${M}/20240101000008.sql:1:1 error [migration-filename]`);
    expect([check.code, check.json.ok]).toEqual([1, false]);
    expect(check.json.findings.map((f) => `${f.file} ${f.rule}`)).toEqual([
      `${M}/20240101000008.sql migration-filename`,
    ]);
  });
});
