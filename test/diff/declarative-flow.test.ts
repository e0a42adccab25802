// The declarative flow through the shipped CLI: edit supabase/schemas, `kodo diff -f` writes a verified migration,
// `kodo check` passes with it, and a second diff is empty. Also what the CLI says for bad input.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { makeFiles, migrationFiles } from '../helpers/temp.js';

const INIT = `create table public.notes (id bigint generated always as identity primary key, body text not null);
alter table public.notes enable row level security;
`;

const DECLARED = `create table public.notes (
  id bigint generated always as identity primary key,
  body text not null,
  owner uuid not null default auth.uid(),
  created_at timestamptz not null default now()
);
alter table public.notes enable row level security;
create index notes_owner on public.notes (owner);
create policy "own notes" on public.notes for select to authenticated using (owner = (select auth.uid()));
revoke all on public.notes from anon;
create function public.note_count() returns bigint language sql stable security invoker set search_path = ''
  as $$ select count(*) from public.notes $$;
`;

describe('kodo diff on declarative schemas', { timeout: 120_000 }, () => {
  it('writes a verified migration that kodo check applies, and then finds nothing left to diff', async () => {
    const root = await makeFiles({
      'supabase/migrations/20240101000000_init.sql': INIT,
      'supabase/schemas/notes.sql': DECLARED,
    });
    const summary = await runKodo(['diff', '--summary', '--cwd', root]);
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout.split('\n')).toEqual([
      '~ acl table public.notes: anon: DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE → none',
      '+ column public.notes.created_at',
      '+ column public.notes.owner',
      '+ function public.note_count()',
      '+ index public.notes_owner',
      '+ policy "own notes" on public.notes',
    ]);

    const written = await runKodoJson(['diff', '-f', 'notes_owner', '--cwd', root]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.json['verified']).toBe(true);
    const files = await migrationFiles(root);
    expect(files).toHaveLength(2);
    expect(files[1]).toMatch(/^\d{14}_notes_owner\.sql$/);
    expect(written.json['path']).toBe(path.join(root, 'supabase/migrations', files[1]!));
    const body = await fs.readFile(path.join(root, 'supabase/migrations', files[1]!), 'utf8');
    expect(body).toBe(written.json['sql']);
    expect(body).toContain('alter table public.notes add column owner uuid default auth.uid() not null;');
    expect(body).toContain('create policy "own notes" on public.notes');

    const check = await runKodo(['check', '--cwd', root]);
    expect(check.code, check.stdout + check.stderr).toBe(0);

    const again = await runKodoJson(['diff', '--cwd', root]);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ differences: [], sql: '', verified: true, path: null });
  });

  it('prints only SQL on stdout and the differences on stderr', async () => {
    const root = await makeFiles({
      'supabase/migrations/20240101000000_init.sql': INIT,
      'supabase/schemas/notes.sql': `${INIT}create index notes_body on public.notes (body);\n`,
    });
    const run = await runKodo(['diff', '--cwd', root]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      '-- kodo diff: from supabase/migrations (1 file) to supabase/schemas (1 file); verified on a throwaway database\n\nCREATE INDEX notes_body ON public.notes USING btree (body);',
    );
    expect(run.stderr).toContain('+ index public.notes_body');
    expect(run.stderr).toContain(
      '1 difference(s) from supabase/migrations (1 file) to supabase/schemas (1 file); verified on a throwaway database.',
    );
  });

  it('says what is wrong with a failing schema file, a missing folder and an unknown state; writes nothing', async () => {
    const broken = await makeFiles({
      'supabase/migrations/20240101000000_init.sql': INIT,
      'supabase/schemas/notes.sql': 'create table public.notes (id int);\ncreate tabel oops;\n',
    });
    const failed = await runKodo(['diff', '-f', 'x', '--cwd', broken]);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe(
      'error: supabase/schemas/notes.sql:2:8: syntax error at or near "tabel" — the declarative schema files do not run on a fresh database; fix that file and diff again.',
    );
    expect(await migrationFiles(broken)).toHaveLength(1);

    const none = await makeFiles({ 'supabase/migrations/20240101000000_init.sql': INIT });
    const missing = await runKodo(['diff', '--to', 'schemas', '--cwd', none]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /There are no declarative schema files \(no \*\.sql under supabase\/schemas/,
    );

    const unknown = await runKodo(['diff', '--to', 'nowhere', '--cwd', none]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(
      'error: "nowhere" is not a schema state; use migrations, schemas, embedded, local or a postgres:// URL.',
    );
    expect(unknown.stderr).not.toMatch(/^\s+at /m);
  });
});
