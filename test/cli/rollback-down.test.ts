// `kodo rollback` and `kodo down` as processes (the built bundle): the rollback's SQL on stdout and its notes on
// stderr, the unverified exit, the written file; down's text and --json, and its one-line refusals.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { listTree, makeFiles, migrationFiles } from '../helpers/temp.js';

const ITEMS =
  'create table public.items (id int primary key, qty int);\nalter table public.items enable row level security;\n';
const NOTE = "alter table public.items add column note text;\nupdate public.items set note = 'x';\n";
const FILES = {
  'supabase/migrations/20240101000000_items.sql': ITEMS,
  'supabase/migrations/20240102000000_note.sql': NOTE,
};
const SQL = [
  '-- kodo rollback of supabase/migrations/20240102000000_note.sql: the schema it changed, back as it was; verified on a throwaway database',
  '-- IRREVERSIBLE: this rollback cannot undo (lines of 20240102000000_note.sql):',
  "--   line 2: update public.items set note = 'x' — values changed in public.items are not restored",
  '-- DESTRUCTIVE: this migration removes data:',
  '--   drops column public.items.note and its values',
  '',
  'alter table public.items drop column note;',
].join('\n');
const NOTES = [
  'irreversible: supabase/migrations/20240102000000_note.sql:2: values changed in public.items are not restored',
  'destructive: drops column public.items.note and its values',
];

describe('kodo rollback (process)', { timeout: 120_000 }, () => {
  it('--dry-run prints the SQL on stdout and the notes on stderr, writes nothing; without it, writes the file', async () => {
    const root = await makeFiles(FILES);
    const before = await listTree(root);
    const dry = await runKodo(['rollback', '20240102000000', '--dry-run'], { cwd: root });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(SQL);
    const lines = dry.stderr.split('\n');
    expect(lines.slice(0, 2)).toEqual(NOTES);
    expect(lines[2]).toMatch(
      /^DRY RUN: the rollback of supabase\/migrations\/20240102000000_note\.sql verified; it would be written as version \d{14}\.$/,
    );
    expect(lines).toHaveLength(3);
    expect(await listTree(root)).toEqual(before);

    const wrote = await runKodo(['rollback', 'supabase/migrations/20240102000000_note.sql'], { cwd: root });
    expect(wrote.code).toBe(0);
    expect(wrote.stderr.split('\n')).toEqual([
      ...NOTES,
      'Rollback of supabase/migrations/20240102000000_note.sql verified on a throwaway database.',
    ]);
    const files = await migrationFiles(root);
    expect(files).toHaveLength(3);
    const written = files[2]!;
    expect(written).toMatch(/^\d{14}_rollback_note\.sql$/);
    expect(wrote.stdout).toBe(`Wrote supabase/migrations/${written}`);
    expect(await fs.readFile(path.join(root, 'supabase', 'migrations', written), 'utf8')).toBe(`${SQL}\n`);
  });

  it('exits 1 with failed: when the rollback does not verify where it sorts, and writes nothing', async () => {
    const root = await makeFiles({
      ...FILES,
      'supabase/migrations/20240103000000_view.sql':
        'create view public.quantities as select qty from public.items;\n',
    });
    const before = await listTree(root);
    const run = await runKodo(['rollback', '20240101000000_items.sql'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe('destructive: drops table public.items and its rows');
    expect(lines[1]).toMatch(
      /^not verified: supabase\/migrations\/\d{14}_rollback_items\.sql does not apply after the migrations that sort before it \(cannot drop table items because other objects depend on it\); if later migrations build on what it removes, roll those back first$/,
    );
    expect(lines.slice(2)).toEqual([
      'failed: the rollback of supabase/migrations/20240101000000_items.sql did not verify; nothing was written.',
    ]);
    expect(await listTree(root)).toEqual(before);
  });

  it('an unknown migration is a one-line error, exit 2', async () => {
    const root = await makeFiles(FILES);
    const run = await runKodo(['rollback', '../x.sql', '--dry-run'], { cwd: root });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: No migration in supabase/migrations is "../x.sql"; give its version, file name or path (the newest is supabase/migrations/20240102000000_note.sql).',
    });
  });
});

interface DownJson {
  target: string;
  reverted: string[];
  plan: Array<{ version: string; file: string; statements: string[] }>;
  irreversible: Array<{ version: string; line: number; statement: string; reason: string }>;
  destructive: string[];
  planId: string;
  dryRun: boolean;
  cancelled: boolean;
  warnings: string[];
}

describe('kodo down (process)', { timeout: 120_000 }, () => {
  it('without an embedded database: one line, no stack trace, exit 2, nothing created', async () => {
    const root = await makeFiles(FILES);
    const before = await listTree(root);
    const run = await runKodo(['down'], { cwd: root });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: The embedded database (.kodo/db) does not exist yet, so there is nothing to roll back.',
    });
    expect(await listTree(root)).toEqual(before);
  });

  it('--dry-run --json shows the plan; --json rolls back; --force is needed for an irreversible step', async () => {
    const root = await makeFiles({
      'supabase/migrations/20240101000000_items.sql': ITEMS,
      'supabase/migrations/20240102000000_tags.sql':
        'create table public.tags (id int primary key);\nalter table public.tags enable row level security;\n',
    });
    expect((await runKodo(['up'], { cwd: root })).code).toBe(0);
    const dry = await runKodoJson<DownJson>(['down', '--dry-run'], { cwd: root });
    expect(dry.code).toBe(0);
    expect(dry.json).toEqual({
      target: 'embedded (.kodo/db)',
      reverted: [],
      plan: [
        {
          version: '20240102000000',
          file: 'supabase/migrations/20240102000000_tags.sql',
          statements: ['drop table public.tags;'],
        },
      ],
      irreversible: [],
      destructive: ['drops table public.tags and its rows'],
      planId: expect.stringMatching(/^[0-9a-f]{32}$/),
      dryRun: true,
      cancelled: false,
      warnings: [],
    });
    const done = await runKodoJson<DownJson>(['down'], { cwd: root });
    expect(done.code).toBe(0);
    expect(done.json).toEqual({ ...dry.json, reverted: ['20240102000000'], dryRun: false });

    // The note file's UPDATE cannot be undone: refused (exit 2, one line), then rolled back with --force.
    await fs.writeFile(path.join(root, 'supabase/migrations/20240102000000_note.sql'), NOTE);
    await fs.rm(path.join(root, 'supabase/migrations/20240102000000_tags.sql'));
    expect((await runKodo(['up'], { cwd: root })).code).toBe(0);
    const refused = await runKodo(['down'], { cwd: root });
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: supabase/migrations/20240102000000_note.sql:2: values changed in public.items are not restored; kodo down stops here — rerun with --force to roll back the schema anyway.',
    });
    const forced = await runKodo(['down', '--force'], { cwd: root });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(
      [
        'Rolled back embedded (.kodo/db): 20240102000000 (schema checked against the migrations that remain).',
        'Not undone (--force): 20240102000000 line 2: values changed in public.items are not restored',
      ].join('\n'),
    );
  });

  it('refuses a server that is not the local stack: one line, exit 2', async () => {
    const root = await makeFiles(FILES);
    const run = await runKodo(['down', '--db', 'postgresql://postgres:secret@db.example.com:5432/postgres'], {
      cwd: root,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: kodo down rolls back only a development database: the embedded one (default) or the Supabase local stack (--db local, or a server on 127.0.0.1, localhost or ::1 at port 54322). For another database, write the rollback with kodo rollback and apply it with kodo up.',
    );
  });
});
