// Every kodo command as a process (the shipped dist/kodo.js): exit codes, --json shapes, error lines, no writes on bad input.
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { copyExample, listTree, makeFiles, migrationFiles } from '../helpers/temp.js';

const VERSIONS = [
  '00000',
  '00001',
  '00100',
  '00101',
  '00102',
  '00103',
  '00200',
  '00201',
  '00300',
  '00301',
  '00400',
  '00401',
];
const DEAD_URL = 'postgres://u:secret@127.0.0.1:1/x';
const DEAD_MESSAGE =
  'Cannot connect to postgres://u:***@127.0.0.1:1/x (connection refused); is the server running?';
const USAGE_HINT = '(run kodo --help for usage)';

type Json = Record<string, unknown>;

/** Runs a command that must be refused as bad input: exit 2, one `error:` line, no stack trace, nothing written. */
async function expectRefused(
  args: string[],
  cwd: string,
  message: string | RegExp,
  opts: { usage?: boolean; env?: Record<string, string> } = {},
): Promise<string> {
  const before = await listTree(cwd);
  const run = await runKodo(args, { cwd, ...(opts.env ? { env: opts.env } : {}) });
  const label = `kodo ${args.join(' ')}`;
  expect(run.code, `${label}\n${run.stderr}`).toBe(2);
  expect(run.stdout, label).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  // Commander's usage errors add one hint line; kodo's own errors are exactly one line.
  expect(lines, label).toHaveLength(opts.usage ? 2 : 1);
  if (opts.usage) expect(lines[1], label).toBe(USAGE_HINT);
  const line = lines[0] ?? '';
  if (typeof message === 'string') expect(line, label).toBe(`error: ${message}`);
  else expect(line, label).toMatch(message);
  expect(run.stderr, label).not.toMatch(/^\s+at /m);
  expect(await listTree(cwd), `${label} wrote something`).toEqual(before);
  return line;
}

/** Runs a command with --json and checks its exit code. */
async function json<T = Json>(args: string[], cwd: string, code = 0): Promise<T> {
  const run = await runKodoJson<T>(args, { cwd });
  expect(run.code, `kodo ${args.join(' ')}: ${run.stderr}`).toBe(code);
  return run.json;
}

const hybridConfig = (range: { start: string; end: string }) =>
  JSON.stringify({
    stack: {
      workspaces: {
        tiny: {
          language: 'typescript',
          database: { orm: { name: 'drizzle' }, migrationStrategy: { type: 'hybrid', serviceRange: range } },
        },
      },
    },
  });

const NOTES = `create table public.notes (
  id bigint generated always as identity primary key,
  owner uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.notes is 'Notes.';
create index notes_owner_idx on public.notes (owner);
`;
const NOTES_RLS = `alter table public.notes enable row level security;
create policy "own notes" on public.notes for all to authenticated
  using ((select auth.uid()) = owner) with check ((select auth.uid()) = owner);
`;
const SUPABASE_ONLY = {
  'supabase/migrations/20240101000000_create_notes.sql': NOTES,
  'supabase/migrations/20240101000001_notes_rls.sql': NOTES_RLS,
};

describe('on a copy of the example (hybrid)', () => {
  let example: string; // only read from

  beforeAll(async () => {
    example = await copyExample();
  });

  it('kodo detect --json: mode, the three workspaces with ranges and evidence, no warnings', async () => {
    const result = await json<Json>(['detect'], example);
    expect(result['mode']).toBe('hybrid');
    expect(result['warnings']).toEqual([]);
    const workspaces = result['workspaces'] as Json[];
    expect(
      workspaces.map((w) => [w['name'], w['language'], w['orm'], w['migrationTool'], w['range']]),
    ).toEqual([
      ['node-api', 'typescript', 'drizzle', 'drizzle-kit', { start: '00100', end: '00199' }],
      ['python-analytics', 'python', 'sqlalchemy', 'alembic', { start: '00200', end: '00299' }],
      ['rust-realtime', 'rust', 'sqlx', 'sqlx-cli', { start: '00300', end: '00399' }],
    ]);
    for (const w of workspaces) {
      expect(w['source']).toBe('config+filesystem');
      expect(typeof w['migrationsDir']).toBe('string');
      expect((w['evidence'] as unknown[]).length).toBeGreaterThan(0);
      for (const e of w['evidence'] as unknown[]) expect(typeof e).toBe('string');
    }
    expect(workspaces[0]?.['evidence']).toContain('services/node-api/package.json: drizzle-orm ^0.44.5');
  });

  it('kodo allocate --json: the next version per workspace and kind, from any directory with --cwd', async () => {
    expect(await json(['allocate', '--workspace', 'node-api', '--kind', 'schema'], example)).toEqual({
      version: '00104',
      workspace: 'node-api',
      kind: 'schema',
      range: { start: '00100', end: '00199' },
      prefix: 'node',
      mode: 'hybrid',
    });
    const cases: Array<[string, string, string]> = [
      ['python', 'behavior', '00203'],
      ['rust-realtime', 'schema', '00302'],
      ['bootstrap', 'behavior', '00003'],
      ['shared', 'schema', '00402'],
    ];
    const results = await Promise.all(
      cases.map(([w, k]) => json<Json>(['allocate', '--workspace', w, '--kind', k, '--cwd', example], '/')),
    );
    expect(results.map((r) => r['version'])).toEqual(cases.map((c) => c[2]));
  });

  it('kodo allocate prints the version in text mode', async () => {
    const run = await runKodo(['allocate', '--workspace', 'node', '--kind', 'behavior'], { cwd: example });
    expect(run).toMatchObject({ code: 0, stdout: '00105 (node range 00100-00199, behavior)', stderr: '' });
  });

  it('kodo lint --json: no findings on the example, exit 0', async () => {
    expect(await json(['lint'], example)).toEqual({
      findings: [],
      summary: { files: 12, statements: 110, errors: 0, warnings: 0, infos: 0 },
    });
  });

  it('KODO_TIMING=1 kodo lint prints its phases and rule times on stderr, and stdout stays one JSON document', async () => {
    const run = await runKodo(['lint', '--json'], { cwd: example, env: { KODO_TIMING: '1' } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ findings: [], summary: { files: 12 } });
    const phases = [...run.stderr.matchAll(/^\[timing\] +[0-9.]+ ms +\+ *[0-9.]+ +(.+)$/gm)].map((m) => m[1]);
    expect(phases).toEqual([
      'cli: modules loaded',
      'lint: start',
      'lint: config and files read',
      'lint: parser ready',
      'lint: files parsed',
      'lint: replayed and rules run',
      'lint: ignores applied',
      'cli: done',
    ]);
    expect(run.stderr).toMatch(/^\[timing\] +[0-9.]+ ms +model replay$/m);
  });

  it('kodo check --json: all twelve files apply on a throwaway database, and nothing is written', async () => {
    const before = await listTree(example);
    const result = await json<Json>(['check'], example);
    expect(result).toMatchObject({
      target: 'memory (scratch)',
      total: 12,
      applied: 12,
      failure: null,
      findings: [],
    });
    expect(await listTree(example)).toEqual(before);
  });

  it('kodo new --json creates exactly the allocated file and never overwrites', async () => {
    const root = await copyExample();
    const files = await migrationFiles(root);
    const created = await json<Json>(['new', 'Add Orders', '--workspace', 'node-api'], root);
    expect(created).toMatchObject({
      path: path.join(root, 'supabase/migrations/00104_node_add_orders.sql'),
      version: '00104',
      name: 'add_orders',
    });
    expect(await fs.readFile(created['path'] as string, 'utf8')).toMatch(/^-- Migration: add_orders\n/);
    const behavior = await json<Json>(
      ['new', 'orders rls', '--workspace', 'node', '--kind', 'behavior'],
      root,
    );
    expect(behavior['path']).toBe(path.join(root, 'supabase/migrations/00105_node_orders_rls.sql'));
    const again = await json<Json>(['new', 'add orders', '--workspace', 'node-api'], root);
    expect(again['version']).toBe('00106');
    expect(await migrationFiles(root)).toEqual(
      [
        ...files,
        '00104_node_add_orders.sql',
        '00105_node_orders_rls.sql',
        '00106_node_add_orders.sql',
      ].sort(),
    );
  });

  it('kodo up then kodo status and kodo list agree with the files (embedded default); repair edits history', async () => {
    const root = await copyExample();
    const files = (await migrationFiles(root)).map((f) => `supabase/migrations/${f}`);
    const up = await runKodoJson<Json>(['up'], { cwd: root });
    expect(up.code).toBe(0);
    expect(up.json).toMatchObject({ applied: VERSIONS, pending: [], failure: null });
    // Progress goes to stderr, one line per file.
    expect(up.stderr.trim().split('\n')).toEqual(
      files.map((f) => `Applying migration ${path.basename(f)}...`),
    );

    const status = await json<Json>(['status'], root);
    expect(status).toMatchObject({ pending: [], missingLocal: [], outOfOrder: [], unsynced: [] });
    expect(status['migrations']).toEqual(
      VERSIONS.map((version, i) => ({
        version,
        name: path.basename(files[i]!, '.sql').slice(6),
        file: files[i],
        local: true,
        applied: true,
        edited: false,
      })),
    );
    expect(await json(['list'], root)).toEqual(status);

    // The newest files too: reverting only 00301 would leave it older than applied ones (out of order).
    expect(await json(['repair', '00401', '00400', '00301', '--status', 'reverted'], root)).toMatchObject({
      repaired: ['00401', '00400', '00301'],
      status: 'reverted',
    });
    // repair never runs SQL: the policies of 00301 are still there, so applying it again fails on them.
    expect(await json(['up'], root, 1)).toMatchObject({
      applied: [],
      pending: ['00301', '00400', '00401'],
      failure: { file: files[9], version: '00301', sqlstate: '42710', line: 16, column: 1 },
    });
    expect(await json(['repair', '00301', '00400', '00401', '--status', 'applied'], root)).toMatchObject({
      repaired: ['00301', '00400', '00401'],
      status: 'applied',
    });
    expect(await json(['status'], root)).toEqual(status);
  });

  it('kodo check exits 1 on a broken migration and prints its file:line:col', async () => {
    const root = await copyExample();
    const broken = 'supabase/migrations/00104_node_broken.sql';
    const line3 = "insert into public.widgets (id, label) values (1, 'x');";
    await fs.writeFile(
      path.join(root, broken),
      `-- broken on purpose\ncreate table public.widgets (id bigint primary key);\n${line3}\n`,
    );
    const column = line3.indexOf('label') + 1;
    const result = await json<Json>(['check'], root, 1);
    expect(result).toMatchObject({
      total: 13,
      applied: 6,
      failure: {
        file: broken,
        line: 3,
        column,
        sqlstate: '42703',
        message: 'column "label" of relation "widgets" does not exist',
      },
    });
    const text = await runKodo(['check'], { cwd: root });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`${broken}:3:${column}: migration failed at statement 2\n`);
    expect(text.stdout).toContain(
      'ERROR: column "label" of relation "widgets" does not exist (SQLSTATE 42703)',
    );
  });

  it('kodo lint exits 1 on an error finding, in every format', async () => {
    const root = await copyExample();
    const file = 'supabase/migrations/00402_shared_things.sql';
    await fs.writeFile(
      path.join(root, file),
      "-- things\ncreate table public.things (\n  id bigint generated always as identity primary key,\n  created_at timestamptz not null default now(),\n  updated_at timestamptz not null default now()\n);\ncomment on table public.things is 'Things.';\n",
    );
    const result = await json<{ findings: Json[]; summary: Json }>(['lint'], root, 1);
    expect(result.findings.map((f) => [f['rule'], f['severity'], f['file'], f['line'], f['column']])).toEqual(
      [['rls-disabled-in-public', 'error', file, 2, 1]],
    );
    expect(result.summary).toEqual({ files: 13, statements: 112, errors: 1, warnings: 0, infos: 0 });

    const sarif = await runKodo(['lint', '--format', 'sarif'], { cwd: root });
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; level: string; locations: unknown[] }> }>;
    };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['rls-disabled-in-public', 'error'],
    ]);
    expect(JSON.stringify(log.runs[0]?.results[0]?.locations)).toContain(file);

    const github = await runKodo(['lint', '--format', 'github'], { cwd: root });
    expect(github.code).toBe(1);
    const lines = github.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.startsWith('::')).toBe(true);
    expect(lines[0]).toMatch(
      new RegExp(`^::error file=${file},line=2,col=1,title=rls-disabled-in-public::Table`),
    );

    const text = await runKodo(['lint', file], { cwd: root });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`${file}:2:1 error [rls-disabled-in-public]`);
  });

  it('kodo lint --format github and sarif exit 0 and stay valid when there is nothing to report', async () => {
    const sarif = await runKodo(['lint', '--format', 'sarif'], { cwd: example });
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results).toEqual([]);
    const github = await runKodo(['lint', '--format', 'github'], { cwd: example });
    expect(github.code).toBe(0);
    for (const line of github.stdout.split('\n').filter((l) => l !== ''))
      expect(line.startsWith('::')).toBe(true);
  });
});

describe('on a project with no config (supabase-only)', () => {
  it('kodo detect --json: supabase-only, no workspaces, no warnings', async () => {
    const root = await makeFiles(SUPABASE_ONLY);
    expect(await json(['detect'], root)).toMatchObject({
      mode: 'supabase-only',
      workspaces: [],
      warnings: [],
    });
  });

  it('kodo allocate --json: a 14-digit UTC timestamp newer than every file', async () => {
    const root = await makeFiles({ 'supabase/migrations/29990101000000_future.sql': 'select 1;\n' });
    const before = await listTree(root);
    expect(await json(['allocate'], root)).toMatchObject({
      version: '29990101000001',
      workspace: null,
      kind: 'schema',
      mode: 'supabase-only',
    });
    expect(await listTree(root)).toEqual(before);
  });

  it('kodo new add_things creates <14 digits>_add_things.sql at the current UTC time, then a newer one', async () => {
    const root = await makeFiles({});
    const start = Date.now();
    const first = await json<Json>(['new', 'add_things'], root);
    const version = first['version'] as string;
    expect(version).toMatch(/^\d{14}$/);
    expect(first).toMatchObject({
      path: path.join(root, `supabase/migrations/${version}_add_things.sql`),
      name: 'add_things',
    });
    const [, y, mo, d, h, mi, s] = version.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/)!.map(Number);
    const when = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    expect(when).toBeGreaterThanOrEqual(Math.floor(start / 1000) * 1000);
    expect(when).toBeLessThanOrEqual(Date.now());
    const second = await json<Json>(['new', 'add_things'], root);
    expect(BigInt(second['version'] as string)).toBeGreaterThan(BigInt(version));
    expect(await migrationFiles(root)).toEqual([
      `${version}_add_things.sql`,
      `${second['version']}_add_things.sql`,
    ]);
  });

  it('kodo lint --json on the fixture, and kodo lint on a missing folder is bad input', async () => {
    const root = await makeFiles(SUPABASE_ONLY);
    expect(await json(['lint'], root)).toMatchObject({
      findings: [],
      summary: { files: 2, statements: 5, errors: 0 },
    });
    const empty = await makeFiles({});
    await expectRefused(
      ['lint'],
      empty,
      `supabase/migrations does not exist in ${empty}; pass migration files or folders.`,
    );
  });

  it('kodo up then kodo status and kodo list agree with the files; a new file is pending, then applied', async () => {
    const root = await makeFiles(SUPABASE_ONLY);
    const versions = ['20240101000000', '20240101000001'];
    expect(await json(['up'], root)).toMatchObject({ applied: versions, pending: [], failure: null });
    const status = await json<Json>(['status'], root);
    expect(status).toMatchObject({ mode: 'supabase-only', pending: [], missingLocal: [], outOfOrder: [] });
    expect(status['migrations']).toEqual([
      {
        version: versions[0],
        name: 'create_notes',
        file: 'supabase/migrations/20240101000000_create_notes.sql',
        local: true,
        applied: true,
        edited: false,
      },
      {
        version: versions[1],
        name: 'notes_rls',
        file: 'supabase/migrations/20240101000001_notes_rls.sql',
        local: true,
        applied: true,
        edited: false,
      },
    ]);
    expect(await json(['list'], root)).toEqual(status);

    const created = await json<Json>(['new', 'add_things'], root);
    expect(await json(['up', '--dry-run'], root)).toMatchObject({
      applied: [],
      pending: [created['version']],
    });
    expect(await json(['up'], root)).toMatchObject({ applied: [created['version']], pending: [] });
    expect(await json(['repair', versions[1]!, '--status', 'reverted'], root)).toMatchObject({
      repaired: [versions[1]],
      status: 'reverted',
    });
    expect(await json<Json>(['status'], root)).toMatchObject({
      pending: [versions[1]],
      outOfOrder: [versions[1]],
    });
  });

  it('kodo up exits 1 on a failing file, applies nothing of it, and kodo check points at its line', async () => {
    const root = await makeFiles({
      ...SUPABASE_ONLY,
      'supabase/migrations/20240102000000_broken.sql': 'select 1;\nselect nope\n  from public.notes;\n',
    });
    expect(await json(['up'], root, 1)).toMatchObject({
      applied: ['20240101000000', '20240101000001'],
      pending: ['20240102000000'],
      failure: {
        file: 'supabase/migrations/20240102000000_broken.sql',
        line: 2,
        column: 8,
        sqlstate: '42703',
        message: 'column "nope" does not exist',
      },
    });
    expect((await json<Json>(['status'], root))['pending']).toEqual(['20240102000000']);
    const check = await runKodo(['check'], { cwd: root });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('supabase/migrations/20240102000000_broken.sql:2:8: migration failed');
    expect(check.stdout).toContain('2 of 3 migration(s) applied');
  });
});

describe('bad input: exit 2, one error line, nothing written', () => {
  it('an invalid config names the JSON path, for every command', async () => {
    const root = await makeFiles({
      '.kodo/config.json':
        '{"stack":{"workspaces":{"a":{"language":"typescript","database":{"orm":{"name":42}}}}}}\n',
      'supabase/migrations/00100_node_a.sql': 'select 1;\n',
    });
    const message =
      '.kodo/config.json is invalid: stack.workspaces.a.database.orm.name: Invalid input: expected string, received number.';
    const commands = [
      ['detect'],
      ['allocate', '--workspace', 'a'],
      ['new', 'x', '--workspace', 'a'],
      ['lint'],
      ['list'],
      ['status'],
      ['up'],
      ['repair', '00100', '--status', 'applied'],
      ['check'],
    ];
    await Promise.all(commands.map((args) => expectRefused([...args, '--json'], root, message)));
  });

  it('a config that is not JSON names the line and column', async () => {
    const root = await makeFiles({ '.kodo/config.json': '{ "stack": \n' });
    await expectRefused(
      ['detect', '--json'],
      root,
      '.kodo/config.json is not valid JSON: expected a value but found end of file at line 2, column 1; fix the syntax.',
    );
  });

  it('an unknown workspace, in hybrid and in supabase-only mode', async () => {
    const example = await copyExample();
    const hybrid =
      'Unknown workspace "nope"; use one of: bootstrap, node-api, python-analytics, rust-realtime, shared (or the prefix node, python, rust).';
    await expectRefused(['allocate', '--workspace', 'nope', '--json'], example, hybrid);
    await expectRefused(['new', 'x', '--workspace', 'nope'], example, hybrid);
    const plain = await makeFiles(SUPABASE_ONLY);
    await expectRefused(
      ['new', 'x', '--workspace', 'node', '--json'],
      plain,
      'Unknown workspace "node": this project has no hybrid config (versions are timestamps), so omit the workspace.',
    );
  });

  it('a full range says which range and what to do', async () => {
    const root = await makeFiles({
      '.kodo/config.json': hybridConfig({ start: '00100', end: '00101' }),
      'supabase/migrations/00100_node_a.sql': 'select 1;\n',
      'supabase/migrations/00101_node_b.sql': 'select 1;\n',
    });
    const full = (kind: string) =>
      `Range 00100-00101 of workspace "tiny" has no free ${kind} version after 00101; give the workspace a new, larger serviceRange in .kodo/config.json.`;
    await expectRefused(['allocate', '--workspace', 'tiny', '--json'], root, full('schema'));
    await expectRefused(
      ['new', 'more', '--workspace', 'tiny', '--kind', 'behavior', '--json'],
      root,
      full('behavior'),
    );
  });

  it('a migration name that could escape supabase/migrations', async () => {
    const example = await copyExample();
    const plain = await makeFiles(SUPABASE_ONLY);
    const escapeMessage = (name: string) =>
      `Migration name "${name}" contains a path separator or "..", which could escape supabase/migrations; use words only, like "create users".`;
    for (const name of ['../../evil', 'a/b', '/tmp/evil']) {
      await expectRefused(['new', name, '--workspace', 'node-api', '--json'], example, escapeMessage(name));
      await expectRefused(['new', name], plain, escapeMessage(name));
    }
  });

  it('a dead server is named by host and port and its password never printed', async () => {
    const root = await makeFiles(SUPABASE_ONLY);
    const commands = [
      ['status'],
      ['list'],
      ['up'],
      ['up', '--dry-run'],
      ['repair', '20240101000000', '--status', 'applied'],
      ['check'],
    ];
    const lines = await Promise.all(
      commands.map((args) => expectRefused([...args, '--db', DEAD_URL, '--json'], root, DEAD_MESSAGE)),
    );
    for (const line of lines) expect(line).not.toContain('secret');
    // KODO_DATABASE_URL is the default --db.
    await expectRefused(['status'], root, DEAD_MESSAGE, { env: { KODO_DATABASE_URL: DEAD_URL } });
  });

  it('unparsable arguments are usage errors', async () => {
    const root = await copyExample();
    await expectRefused(
      ['new', 'x', '--template', 'view'],
      root,
      "option '--template <template>' argument 'view' is invalid. Allowed choices are empty, table, extensions, core_functions.",
      { usage: true },
    );
    await expectRefused(
      ['allocate', '--workspace', 'node', '--kind', 'rls'],
      root,
      "option '--kind <kind>' argument 'rls' is invalid. Allowed choices are schema, behavior.",
      { usage: true },
    );
    await expectRefused(['repair', '00100'], root, "required option '--status <status>' not specified", {
      usage: true,
    });
    await expectRefused(
      ['lint', '--format', 'xml'],
      root,
      /^error: option '--format <format>' argument 'xml' is invalid\./,
      { usage: true },
    );
    await expectRefused(
      ['status', '--db', 'nonsense'],
      root,
      /^error: Unknown database \(the value is not shown\) in --db; use embedded, memory, local, /,
    );
  });
});
