// PL/pgSQL bodies read with libpg-query's PL/pgSQL parser: syntax errors in function and DO bodies are
// findings where the bad token is, and the statements a DO block runs reach the model and the rules.
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import type { Rule } from '../../src/lint/types.js';
import { as } from '../../src/sql/ast.js';
import { loadParser, parseSql } from '../../src/sql/parse.js';
import { findingsOf, TEST_FILE } from './helpers.js';

const TABLE = `create table public.notes (
  id bigint generated always as identity primary key,
  body text not null
);
alter table public.notes enable row level security;
`;

describe('DO blocks', () => {
  it('places each statement a DO block runs at its own position, after the DO', async () => {
    await loadParser();
    const sql = `do $$
begin
  if not exists (select 1 from pg_policies where policyname = 'p') then
    create policy p on public.notes for select using (true);
  end if;
  execute 'drop table x';
  update public.notes set body = '' where id = 1;
end
$$;
select 1;`;
    const parsed = parseSql(sql);
    expect(parsed.errors).toEqual([]);
    expect(parsed.statements.map((s) => [s.kind, s.nested ?? false, sql.slice(s.start, s.end)])).toEqual([
      ['DoStmt', false, sql.slice(0, sql.indexOf(';\nselec'))],
      ['CreatePolicyStmt', true, 'create policy p on public.notes for select using (true)'],
      // EXECUTE of a string is dynamic SQL: not read.
      ['UpdateStmt', true, "update public.notes set body = '' where id = 1"],
      ['SelectStmt', false, 'select 1'],
    ]);
  });

  it('reads SELECT … INTO a variable as a query, not as SELECT INTO a new table', async () => {
    await loadParser();
    const sql = `do $$
declare total int; v bigint;
begin
  select count(*) into total from public.notes;
  insert into public.notes (body) values ('x') returning id into v;
  delete from public.notes where id = v;
end $$;`;
    const nested = parseSql(sql).statements.filter((s) => s.nested);
    expect(nested.map((s) => [s.kind, sql.slice(s.start, s.end)])).toEqual([
      ['SelectStmt', 'select count(*) into total from public.notes'],
      ['InsertStmt', "insert into public.notes (body) values ('x') returning id"],
      ['DeleteStmt', 'delete from public.notes where id = v'],
    ]);
    expect(as(nested[0]!.ast, 'SelectStmt')?.intoClause).toBeUndefined();
  });

  it('counts policies created inside a DO block (no rls-enabled-no-policy)', async () => {
    const inDo = `${TABLE}do $$ begin
  if not exists (select 1 from pg_policies where tablename = 'notes') then
    create policy "notes read" on public.notes for select to authenticated using (true);
  end if;
end $$;`;
    expect(await findingsOf(inDo, 'rls-enabled-no-policy')).toEqual([]);
    expect(await findingsOf(TABLE, 'rls-enabled-no-policy')).toHaveLength(1);
  });

  it('runs the rules on what a DO block does, pointing inside the block', async () => {
    const files = {
      '20240101000000_notes.sql': TABLE,
      '20240102000000_purge.sql': `do $$
begin
  delete from public.notes;
end $$;`,
    };
    const [finding, ...rest] = await findingsOf(files, 'ban-delete-without-where');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      file: 'supabase/migrations/20240102000000_purge.sql',
      line: 3,
      column: 15,
    });
  });

  it('counts columns in characters inside a DO block after multi-byte text', async () => {
    const files = {
      '20240101000000_notes.sql': TABLE,
      '20240102000000_purge.sql': `-- Purge: é 😀
do $$ begin /* é😀 */ delete from public.notes; end $$;`,
    };
    const findings = await findingsOf(files, 'ban-delete-without-where');
    // "do $$ begin /* é😀 */ delete from " is 33 characters (34 UTF-16 units, 37 bytes).
    expect(findings).toMatchObject([{ line: 2, column: 34 }]);
  });

  it('puts a DO block and its statements in one transaction', async () => {
    const sql = `do $$ begin create table public.a (id int); end $$;\nselect 1;`;
    const ids: number[] = [];
    const probe: Rule = {
      id: 'probe',
      severity: 'info',
      description: 'Records the transaction of each statement.',
      help: '',
      create: () => ({ statement: (s) => void ids.push(s.tx.id) }),
    };
    // Outside a runner's transaction each top-level statement commits alone; the DO's statements do not.
    await lint([{ path: TEST_FILE, text: sql }], {
      settings: { assumeInTransaction: false },
      rules: [probe],
    });
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('counts what the file says in the summary, not what the DO runs', async () => {
    const run = await lint([
      { path: TEST_FILE, text: `do $$ begin create table public.a (id int); end $$;\nselect 1;` },
    ]);
    expect(run.summary.statements).toBe(2);
  });
});

describe('syntax errors in bodies', () => {
  it('reports a PL/pgSQL syntax error in a function body at the bad token', async () => {
    const sql = `create function public.f() returns int language plpgsql set search_path = '' as $$
begin
  retrun 1;
end $$;
create table public.after_it (id bigint primary key);`;
    const findings = await findingsOf(sql, 'syntax-error', { allowSyntaxErrors: true });
    expect(findings).toMatchObject([{ line: 3, column: 3, message: 'Syntax error at or near "retrun".' }]);
  });

  it('says the function is created anyway when the file turns check_function_bodies off (pg_dump does)', async () => {
    const broken = `create function public.f() returns int language plpgsql set search_path = '' as $$
begin
  retrun 1;
end $$;`;
    const [checked] = await findingsOf(broken, 'syntax-error', { allowSyntaxErrors: true });
    expect(checked?.help).toBe(
      'Fix the statement: Postgres rejects it, and the Supabase CLI stops at this migration.',
    );
    const [unchecked, ...rest] = await findingsOf(
      `SET check_function_bodies = false;\n${broken}`,
      'syntax-error',
      {
        allowSyntaxErrors: true,
      },
    );
    expect(rest).toEqual([]);
    expect(unchecked).toMatchObject({
      line: 4,
      column: 3,
      severity: 'error',
      help: 'Fix the body: this file turns check_function_bodies off (as pg_dump output does), so Postgres creates the function anyway, and every call to it fails.',
    });
    const [again] = await findingsOf(
      `set check_function_bodies = off;\nreset check_function_bodies;\n${broken}`,
      'syntax-error',
      {
        allowSyntaxErrors: true,
      },
    );
    expect(again?.help).toBe(checked?.help);
  });

  it('points at the body when the bad token occurs more than once in it (a DO block here)', async () => {
    const findings = await findingsOf(`do $$ begin if true then null; end; end $$;`, 'syntax-error', {
      allowSyntaxErrors: true,
    });
    expect(findings).toMatchObject([{ line: 1, column: 6, message: 'Syntax error at or near ";".' }]);
  });

  it('leaves semantic complaints to Postgres (libpg-query cannot see columns or parameters)', async () => {
    const sql = `create function public.f(int) returns int language plpgsql set search_path = '' as $$
begin
  undefined_var := $1;
  return undefined_var;
end $$;`;
    expect(await findingsOf(sql, 'syntax-error', { allowSyntaxErrors: true })).toEqual([]);
  });

  it('does not read SQL-language bodies or quoted bodies it cannot place', async () => {
    await loadParser();
    const sql = `create function public.g() returns int language sql as $$ selec 1 $$;
create function public.h() returns int language plpgsql as 'begin retrun ''x''; end';`;
    expect(parseSql(sql).errors).toEqual([]);
  });
});
