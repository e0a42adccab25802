// Hostile shapes of SQL that once crashed kodo or took minutes: comments nested 100,000 deep (quadratic in
// Postgres's scanner), PL/pgSQL blocks and expressions nested thousands deep (recursive walks overflowed the stack),
// and parentheses nested past what the parser takes. Each gets its exact finding or failure, never `unexpected
// failure`. The timeouts are no benchmark: before the fix, the comment case took 22 s and more.
import { describe, expect, it } from 'vitest';
import { runKodoJson } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const M = 'supabase/migrations';

interface Finding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

describe('deeply nested input', () => {
  it('lints 100,000 nested block comments, at top level and in a PL/pgSQL body, in linear time', async () => {
    const nested = `${'/*'.repeat(100_000)}${'*/'.repeat(100_000)}`;
    const root = await makeFiles({
      [`${M}/00001_comments.sql`]: `${nested}\nselect 1;\n`,
      [`${M}/00002_body.sql`]: `do $$ begin /* ${nested} */ perform 1; end $$;\nselect 2 from;\n`,
    });
    const { code, json } = await runKodoJson<{ findings: Finding[]; summary: { statements: number } }>([
      'lint',
      '--cwd',
      root,
    ]);
    expect(code).toBe(1);
    // The statements around the comments are all read, and the one real error is placed exactly.
    expect(json.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual([
      `${M}/00002_body.sql:2:14 syntax-error`,
    ]);
    expect(json.summary.statements).toBe(2);
  }, 15_000);

  it('reads DO blocks and IF chains nested 2,000 deep; check applies a DO block 1,000 deep for real', async () => {
    const n = 2000;
    const root = await makeFiles({
      [`${M}/00001_do.sql`]: `do $$ ${'begin '.repeat(n)}create table public.deep (id bigint primary key); ${'end; '.repeat(n)} $$;\n`,
      [`${M}/00002_if.sql`]: `create function public.f() returns void language plpgsql set search_path = '' as $$ begin ${'if true then '.repeat(n)}perform 1; ${'end if; '.repeat(n)}end $$;\n`,
    });
    const lint = await runKodoJson<{ findings: Finding[] }>(['lint', '--cwd', root]);
    expect(lint.stderr).toBe('');
    // The table the DO block creates, 2,000 blocks down, is seen by the rules.
    expect(
      lint.json.findings.map((f) => `${f.file.split('/').pop()}:${f.line}:${f.column} ${f.rule}`),
    ).toEqual([
      expect.stringMatching(/^00001_do\.sql:1:\d+ require-table-comment$/),
      expect.stringMatching(/^00001_do\.sql:1:\d+ require-timestamps$/),
      expect.stringMatching(/^00001_do\.sql:1:\d+ rls-disabled-in-public$/),
    ]);
    // check on the embedded database, with a DO block 1,000 deep (at 2,000, Postgres in WASM damages its session,
    // and the history row's read-back fails the file): the next file proves the table was really created.
    const applied = await makeFiles({
      [`${M}/00001_do.sql`]: `do $$ ${'begin '.repeat(1000)}create table public.deep (id bigint primary key); ${'end; '.repeat(1000)} $$;\n`,
      [`${M}/00002_use.sql`]:
        "insert into public.deep values (1);\ndo $$ begin if (select count(*) from public.deep) <> 1 then raise exception 'deep table missing'; end if; end $$;\n",
    });
    const check = await runKodoJson<{ applied: number; failure: unknown }>(['check', '--cwd', applied]);
    expect(check.stderr).not.toMatch(/unexpected failure|Maximum call stack/);
    expect([check.json.applied, check.json.failure]).toEqual([2, null]);
  }, 30_000);

  it('an expression nested 3,000 deep is read; one too deep for the WASM parser is a warning and is refused by the embedded database', async () => {
    const n = 3000;
    const root = await makeFiles({
      [`${M}/00001_t.sql`]:
        'create table public.t (id bigint primary key, user_id uuid);\nalter table public.t enable row level security;\n',
      [`${M}/00002_policy.sql`]: `create policy p on public.t for select using (${'('.repeat(n)}auth.uid() = user_id${')'.repeat(n)});\n`,
      [`${M}/00003_select.sql`]: `select ${'(select '.repeat(n)}1${')'.repeat(n)};\n`,
      [`${M}/00004_parens.sql`]: `select ${'('.repeat(20_000)}1${')'.repeat(20_000)};\n`,
    });
    const lint = await runKodoJson<{ findings: Finding[] }>(['lint', '--cwd', root]);
    const byFile = (name: string) =>
      lint.json.findings.filter((f) => f.file.endsWith(name)).map((f) => `${f.rule}: ${f.message}`);
    // The auth.uid() call 3,000 parentheses down is found.
    expect(byFile('00002_policy.sql')).toEqual([
      expect.stringMatching(/^auth-rls-initplan: Policy "p" on public\.t calls auth\.uid\(\)/),
    ]);
    // kodo's WASM parser runs out of stack where Postgres does not: a warning that nothing checked it.
    expect(lint.json.findings.find((f) => f.file.endsWith('00003_select.sql'))?.severity).toBe('warning');
    expect(byFile('00003_select.sql')).toEqual([
      'syntax-error: Statement nests too deeply for kodo\'s parser to read, so no rule checked it; Postgres may still run it, or stop it with "stack depth limit exceeded".',
    ]);
    expect(byFile('00004_parens.sql')).toEqual(['syntax-error: Memory exhausted at or near "(".']);
    // check's splitter and the database take the same files without a crash. The embedded database refuses the
    // deep select by line (Postgres in WASM would skip it without an error) rather than pass it.
    const check = await runKodoJson<{
      failure: { file: string; sqlstate: string } | null;
      applied: number;
    }>(['check', '--cwd', root]);
    expect(check.stderr).not.toMatch(/unexpected failure|Maximum call stack/);
    expect(check.json.applied).toBe(2);
    expect(check.json.failure).toMatchObject({ file: `${M}/00003_select.sql`, sqlstate: '54001' });
  }, 60_000);
});
