// The schema model replayed across files, and the transaction state each statement starts in.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { uniqueName } from '../../src/lint/model/replay/context.js';
import type { LintSettings, Rule, SchemaModel, Statement } from '../../src/lint/types.js';
import { loadParser, parseSql } from '../../src/sql/parse.js';

async function replay(files: Record<string, string>, settings?: Partial<LintSettings>) {
  let model: SchemaModel | undefined;
  const statements: Statement[] = [];
  const capture: Rule = {
    id: 'capture',
    severity: 'info',
    description: 'Test probe.',
    help: 'None.',
    create: (ctx) => ({
      statement: (stmt) => {
        statements.push(stmt);
      },
      runEnd: () => {
        model = ctx.model;
      },
    }),
  };
  const run = await lint(
    Object.entries(files).map(([name, text]) => ({ path: `supabase/migrations/${name}`, text })),
    { rules: [capture], settings },
  );
  expect(run.findings.filter((f) => f.rule === 'syntax-error')).toEqual([]);
  return { model: model!, statements };
}

describe('schema model', () => {
  it('starts from the Supabase platform objects, the same ones `kodo up` installs', async () => {
    const { model } = await replay({ '00001_empty.sql': 'select 1;' });
    const users = model.table(['auth', 'users']);
    expect(users?.builtin).toBe(true);
    // Columns from the shim (src/db/shim/auth.sql), the single definition of auth.users.
    for (const column of ['id', 'email', 'raw_user_meta_data', 'raw_app_meta_data', 'is_anonymous'])
      expect(users?.columns.has(column), column).toBe(true);
    for (const name of [
      ['auth', 'identities'],
      ['auth', 'sessions'],
      ['storage', 'buckets'],
      ['storage', 'objects'],
      ['realtime', 'messages'],
      ['supabase_functions', 'hooks'],
    ])
      expect(model.table(name)?.builtin, name.join('.')).toBe(true);
    expect(model.functionsNamed(['auth', 'uid'])).toHaveLength(1);
    expect([...model.extensions.keys()].sort()).toEqual([
      'pg_graphql',
      'pg_stat_statements',
      'pgcrypto',
      'plpgsql',
      'supabase_vault',
      'uuid-ossp',
    ]);
  });

  const builtins = [
    ...fs
      .readdirSync(path.resolve(import.meta.dirname, '../../src/db/shim'))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => `src/db/shim/${f}`),
    'src/lint/model/supabase.sql',
  ];
  it.each(builtins)('reads %s without a syntax error', async (file) => {
    await loadParser();
    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../..', file), 'utf8');
    expect(parseSql(text).errors).toEqual([]);
  });

  it('follows tables, columns, constraints and indexes across files', async () => {
    const { model } = await replay({
      '00001_a.sql': `create table public.users (id bigint generated always as identity primary key, email text not null unique);
        create table posts (id serial, author_id bigint references users on delete cascade, title varchar(200), at timestamp default now());`,
      '00002_b.sql': `alter table posts add primary key (id), alter column title type text, add column body text not null default '';
        create unique index concurrently posts_title_idx on posts using btree (lower(title)) where body <> '';
        alter table posts rename column at to created_at;
        alter table posts drop column body;`,
    });
    const posts = model.table('posts')!;
    expect([...posts.columns.keys()]).toEqual(['id', 'author_id', 'title', 'created_at']);
    expect(posts.columns.get('id')).toMatchObject({ notNull: true, type: { name: 'serial' } });
    expect(posts.columns.get('title')!.type.text).toBe('text');
    expect(posts.columns.get('created_at')).toMatchObject({
      defaultText: 'now()',
      type: { name: 'timestamp' },
    });
    expect(posts.constraints.get('posts_author_id_fkey')!.foreignKey).toMatchObject({
      references: 'public.users',
      referencedColumns: [],
      onDelete: 'cascade',
      onDeleteWritten: true,
    });
    expect([...posts.constraints.values()].map((c) => [c.name, c.kind, c.columns])).toEqual([
      ['posts_author_id_fkey', 'foreign', ['author_id']],
      ['posts_pkey', 'primary', ['id']],
    ]);
    expect(model.index('posts_title_idx')).toMatchObject({
      table: 'public.posts',
      columns: ['(lower(title))'],
      unique: true,
      definition: "unique btree ((lower(title))) where body <> ''",
    });
    expect([...model.table('users')!.indexes.keys()]).toEqual(['users_pkey', 'users_email_key']);
  });

  it('follows RLS, policies, grants, views, functions, enums and extensions', async () => {
    const { model } = await replay({
      '00001_a.sql': `create table notes (id int primary key, owner uuid);
        alter table notes enable row level security, force row level security;
        create policy "own" on notes as restrictive for update to authenticated, anon
          using ((select auth.uid()) = owner) with check (owner = auth.uid());
        revoke select on notes from anon;
        create view v with (security_invoker = on) as with x as (select 1) select * from auth.users, notes, x;
        create materialized view m as select * from notes;
        create function f(a int, out b text) returns setof record language plpgsql security definer set search_path = '' as $$ begin end $$;
        create type mood as enum ('sad', 'happy');
        create extension if not exists citext;`,
      '00002_b.sql': `alter type mood add value 'ok' before 'happy';
        alter policy "own" on notes using (true);
        alter view v set (security_invoker = false);
        alter function f(int) set search_path = public, extensions;
        alter extension citext set schema extensions;`,
    });
    const notes = model.table('notes')!;
    expect(notes.rls).toMatchObject({ enabled: true, forced: true });
    expect(notes.policies.get('own')).toMatchObject({
      command: 'update',
      permissive: false,
      roles: ['authenticated', 'anon'],
      usingText: 'true',
      withCheckText: 'owner = auth.uid()',
    });
    expect(model.hasPrivilege(notes.grants, 'anon', 'select')).toBe(false);
    expect(model.hasPrivilege(notes.grants, 'authenticated', 'select')).toBe(true);
    expect(model.isExposed(notes)).toBe(true);
    expect(model.view('v')).toMatchObject({
      securityInvoker: false,
      materialized: false,
      references: ['auth.users', 'public.notes'],
    });
    expect(model.view('m')!.materialized).toBe(true);
    const [f] = model.functionsNamed('f');
    expect(f).toMatchObject({
      signature: 'public.f(integer)',
      securityDefiner: true,
      language: 'plpgsql',
      body: ' begin end ',
    });
    expect(f!.config.get('search_path')).toBe('public, extensions');
    expect(model.type('mood')!.values.map((v) => [v.name, v.origin.file.name])).toEqual([
      ['sad', '00001_a.sql'],
      ['ok', '00002_b.sql'],
      ['happy', '00001_a.sql'],
    ]);
    expect(model.extensions.get('citext')!.schema).toBe('extensions');
    expect(model.table('auth.users')!.builtin).toBe(true);
  });

  it('resolves unqualified names through search_path, reset for each file', async () => {
    const { model } = await replay({
      '00001_a.sql':
        "create schema app; set search_path = app, public; create table t (x int); select pg_catalog.set_config('search_path', '', false);",
      '00002_b.sql': 'create table t (y int);',
    });
    expect(model.tables.has('app.t')).toBe(true);
    expect(model.tables.has('public.t')).toBe(true);
  });

  it('drops and renames', async () => {
    const { model } = await replay({
      '00001_a.sql':
        'create table a (id int primary key); create table b (a_id int references a); create index b_idx on b (a_id);',
      '00002_b.sql': 'alter table a rename to aa; drop index b_idx; drop table if exists nothing;',
    });
    expect(model.table('a')).toBeUndefined();
    expect(model.table('aa')!.constraints.has('a_pkey')).toBe(true);
    expect(model.table('b')!.constraints.get('b_a_id_fkey')!.foreignKey!.references).toBe('public.aa');
    expect(model.index('b_idx')).toBeUndefined();
  });
});

describe('transactions', () => {
  it('wraps each file in one transaction; COMMIT starts a new one; BEGIN is explicit', async () => {
    const { statements } = await replay({
      '00001_a.sql': 'select 1; begin; select 2; commit; select 3;',
      '00002_b.sql': 'select 4;',
    });
    const tx = statements.map((s) => [s.text, s.tx.id, s.tx.explicit, s.tx.implicit]);
    expect(tx).toEqual([
      ['select 1', 1, false, true],
      ['begin', 1, false, true],
      ['select 2', 1, true, true],
      ['commit', 1, true, true],
      ['select 3', 2, false, true],
      ['select 4', 3, false, true],
    ]);
  });

  it('gives each statement its own transaction when the runner does not wrap files', async () => {
    const { statements } = await replay(
      { '00001_a.sql': 'select 1; select 2; begin; select 3; commit;' },
      { assumeInTransaction: false },
    );
    expect(statements.map((s) => [s.tx.id, s.tx.explicit])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
      [4, true],
    ]);
  });

  it('gives two indexes of a table with a 65-byte name distinct names of at most 63 bytes, without looping', async () => {
    const table = 't'.repeat(65);
    const { model } = await replay({
      '00001_a.sql': `create table ${table} (id bigint primary key); create index on ${table} (id);`,
    });
    const names = [...model!.indexes.keys()].filter((k) => k.startsWith('public.'));
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(Buffer.byteLength(name.slice('public.'.length))).toBeLessThanOrEqual(63);
  });

  it('shortens generated names by whole characters and leaves room for the suffix', () => {
    expect(uniqueName('a'.repeat(70), (n) => n === 'a'.repeat(63))).toBe(`${'a'.repeat(62)}1`);
    expect(uniqueName('é'.repeat(40), () => false)).toBe('é'.repeat(31));
  });
});
