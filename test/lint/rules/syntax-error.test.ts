import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint/engine.js';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'syntax-error';

describe(RULE, () => {
  it('points at the token Postgres rejects, in characters', async () => {
    await expectFindings("select 'é😀';\ncreate tabel t (id int);", RULE, [
      { line: 2, column: 8, message: 'Syntax error at or near "tabel".' },
    ]);
    await expectFindings("select 'é😀' from from;", RULE, [{ line: 1, column: 18 }]);
  });

  it('reports an unfinished statement at the end of input', async () => {
    await expectFindings('create table t (\n  id int', RULE, [
      { line: 2, column: 9, message: 'Syntax error at end of input.' },
    ]);
  });

  it('keeps checking the other statements and files', async () => {
    const result = await lint([
      { path: 'supabase/migrations/00001_a.sql', text: 'create tabel a (x int);\ncreate table b (x int);' },
      { path: 'supabase/migrations/00002_b.sql', text: 'create table c (x int);' },
    ]);
    const byRule = (rule: string) =>
      result.findings.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.line}`);
    expect(byRule(RULE)).toEqual(['supabase/migrations/00001_a.sql:1']);
    expect(byRule('no-primary-key')).toEqual([
      'supabase/migrations/00001_a.sql:2',
      'supabase/migrations/00002_b.sql:1',
    ]);
    expect(result.summary.statements).toBe(2);
  });

  it('accepts valid SQL, empty files and comment-only files', async () => {
    await expectClean('create table t (id int primary key);', RULE);
    await expectClean('', RULE);
    await expectClean('-- nothing yet\n/* still nothing */\n', RULE);
  });
});
