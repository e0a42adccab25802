// Every MCP tool end to end through the real SDK client over stdio (the shipped dist/kodo.js, spawned as .mcp.json says).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type CallToolResult, CallToolResultSchema, type Progress } from '@modelcontextprotocol/sdk/types.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools as registry } from '../../src/mcp/tools/index.js';
import { connectStdio } from '../helpers/mcp.js';
import { createScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { copyExample, listTree, makeFiles, migrationFiles, tempDir } from '../helpers/temp.js';

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
const FILES = [
  'supabase/migrations/00000_extensions.sql',
  'supabase/migrations/00001_core_functions.sql',
  'supabase/migrations/00100_node_create_organizations_and_profiles.sql',
  'supabase/migrations/00101_node_profiles_rls.sql',
  'supabase/migrations/00102_node_admins_and_partners.sql',
  'supabase/migrations/00103_node_admins_and_partners_rls.sql',
  'supabase/migrations/00200_python_events.sql',
  'supabase/migrations/00201_python_events_rls.sql',
  'supabase/migrations/00300_rust_channels.sql',
  'supabase/migrations/00301_rust_channels_rls.sql',
  'supabase/migrations/00400_shared_views.sql',
  'supabase/migrations/00401_shared_avatars_rls.sql',
];
const DEAD_URL = 'postgres://u:secret@127.0.0.1:1/x';
const DEAD_MESSAGE =
  'Cannot connect to postgres://u:***@127.0.0.1:1/x (connection refused); is the server running?';
const RLS_MESSAGE =
  'Table public.things is exposed through the Data API without row level security, so anyone with the anon key can read and change every row; enable row level security and add policies.';
const RLS_HELP =
  "Enable row level security (`alter table … enable row level security`) and add policies, or revoke the API roles' privileges if the table must stay private.";

interface Answer {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

/** Calls a tool; a successful answer must carry structuredContent and the same JSON as its text. */
async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: Progress) => void,
): Promise<Answer> {
  const result = (await client.callTool(
    { name, arguments: args },
    CallToolResultSchema,
    onprogress ? { onprogress } : undefined,
  )) as CallToolResult;
  const first = result.content[0];
  const text = first?.type === 'text' ? first.text : '';
  const answer: Answer = {
    isError: result.isError === true,
    text,
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
  if (!answer.isError) {
    expect(result.content, name).toHaveLength(1);
    expect(answer.structured, name).toBeDefined();
    // A tool may put one headline (check_migrations' verdict, sync_orm's counts) before the JSON.
    const json = text.startsWith('{') ? text : text.slice(text.indexOf('\n') + 1);
    expect(JSON.parse(json), name).toEqual(answer.structured);
  }
  return answer;
}

/** The answer's structured content, failing with the error text when the tool refused. */
async function ok(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: Progress) => void,
) {
  const answer = await call(client, name, args, onprogress);
  expect(answer.isError, `${name}: ${answer.text}`).toBe(false);
  return answer.structured!;
}

/** The error text of a refused call. */
async function refused(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const answer = await call(client, name, args);
  expect(answer.isError, `${name} should refuse: ${answer.text}`).toBe(true);
  expect(answer.structured, name).toBeUndefined();
  return answer.text;
}

/** Collects everything the server writes on stderr. */
/** The example first (the default project), then the temp folder where the other projects of this file live. */
const roots = (example: string) => ['--root', example, '--root', os.tmpdir()];

function captureStderr(client: Client): () => string {
  let text = '';
  const stream = (client.transport as StdioClientTransport).stderr;
  stream?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return () => text;
}

const INVALID_CONFIG = {
  '.kodo/config.json':
    '{"stack":{"workspaces":{"a":{"language":"typescript","database":{"orm":{"name":42}}}}}}\n',
  'supabase/migrations/00100_node_a.sql': 'select 1;\n',
};
const INVALID_CONFIG_MESSAGE =
  '.kodo/config.json is invalid: stack.workspaces.a.database.orm.name: Invalid input: expected string, received number.';

describe('successful calls', () => {
  let client: Client;
  let example: string; // a copy only read from
  const used = new Set<string>();

  beforeAll(async () => {
    example = await copyExample();
    client = await connectStdio(example, { args: roots(example) });
  });
  afterAll(async () => {
    await client?.close();
  });

  const use = (name: string) => used.add(name);

  it('detect_orm reports the example three workspaces, ranges and ORMs', async () => {
    use('detect_orm');
    const result = await ok(client, 'detect_orm', { cwd: example });
    expect(result['mode']).toBe('hybrid');
    expect(result['warnings']).toEqual([]);
    const workspaces = result['workspaces'] as Array<Record<string, unknown>>;
    expect(
      workspaces.map((w) => [
        w['name'],
        w['language'],
        w['orm'],
        w['migrationTool'],
        w['range'],
        w['source'],
      ]),
    ).toEqual([
      [
        'node-api',
        'typescript',
        'drizzle',
        'drizzle-kit',
        { start: '00100', end: '00199' },
        'config+filesystem',
      ],
      [
        'python-analytics',
        'python',
        'sqlalchemy',
        'alembic',
        { start: '00200', end: '00299' },
        'config+filesystem',
      ],
      ['rust-realtime', 'rust', 'sqlx', 'sqlx-cli', { start: '00300', end: '00399' }, 'config+filesystem'],
    ]);
    expect(workspaces.map((w) => w['migrationsDir'])).toEqual([
      'services/node-api/drizzle/migrations',
      'services/python-analytics/alembic/versions',
      'services/rust-realtime/migrations',
    ]);
    expect(workspaces[2]?.['evidence']).toContain('services/rust-realtime/Cargo.toml: sqlx 0.8 (postgres)');
  });

  it('detect_orm without cwd reads CLAUDE_PROJECT_DIR', async () => {
    const withCwd = await ok(client, 'detect_orm', { cwd: example });
    expect(await ok(client, 'detect_orm', {})).toEqual(withCwd);
    const empty = await tempDir();
    expect(await ok(client, 'detect_orm', { cwd: empty })).toMatchObject({
      mode: 'supabase-only',
      workspaces: [],
      warnings: [],
    });
  });

  it('allocate_version gives 00104 for a node-api schema migration, and writes nothing', async () => {
    use('allocate_version');
    const before = await listTree(example);
    expect(
      await ok(client, 'allocate_version', { cwd: example, workspace: 'node-api', kind: 'schema' }),
    ).toEqual({
      version: '00104',
      workspace: 'node-api',
      kind: 'schema',
      range: { start: '00100', end: '00199' },
      prefix: 'node',
      mode: 'hybrid',
    });
    expect(
      await ok(client, 'allocate_version', { cwd: example, workspace: 'python', kind: 'behavior' }),
    ).toMatchObject({
      version: '00203',
      workspace: 'python-analytics',
      range: { start: '00200', end: '00299' },
    });
    expect(await ok(client, 'allocate_version', { cwd: example, workspace: 'shared' })).toMatchObject({
      version: '00402',
      kind: 'schema',
      prefix: 'shared',
    });
    expect(await listTree(example)).toEqual(before);
  });

  it('create_migration creates exactly the allocated file and returns its path', async () => {
    use('create_migration');
    const root = await copyExample();
    const before = await migrationFiles(root);
    const result = await ok(client, 'create_migration', {
      cwd: root,
      name: 'Add Orders',
      workspace: 'node-api',
    });
    expect(result).toMatchObject({
      version: '00104',
      workspace: 'node-api',
      kind: 'schema',
      name: 'add_orders',
      file: 'supabase/migrations/00104_node_add_orders.sql',
      path: path.join(root, 'supabase/migrations/00104_node_add_orders.sql'),
      template: 'empty',
    });
    expect(await migrationFiles(root)).toEqual([...before, '00104_node_add_orders.sql'].sort());
    expect(await fs.readFile(result['path'] as string, 'utf8')).toMatch(/^-- Migration: add_orders\n/);
    // A second call never overwrites: it takes the next even version.
    const again = await ok(client, 'create_migration', { cwd: root, name: 'add orders', workspace: 'node' });
    expect(again['file']).toBe('supabase/migrations/00106_node_add_orders.sql');
  });

  it('init_hybrid finds the example bootstrapped already and writes nothing', async () => {
    use('init_hybrid');
    const root = await copyExample();
    const before = await listTree(root);
    const result = await ok(client, 'init_hybrid', { cwd: root });
    expect(result).toMatchObject({ written: [], planned: [] });
    expect(await listTree(root)).toEqual(before);
  });

  it('sync_orm finds every ORM migration of the example synced already and writes nothing', async () => {
    use('sync_orm');
    const root = await copyExample();
    const before = await listTree(root);
    const result = await ok(client, 'sync_orm', { cwd: root });
    expect(result).toMatchObject({ planned: [], written: [], drift: [] });
    expect(await listTree(root)).toEqual(before);
  });

  it('create_migration generates a table migration from a typed spec', async () => {
    const root = await copyExample();
    const result = await ok(client, 'create_migration', {
      cwd: root,
      name: 'create invoices',
      workspace: 'python-analytics',
      table: {
        name: 'invoices',
        comment: 'Invoices.',
        columns: [{ name: 'total', type: 'bigint' }],
        access: { owner: 'user_id' },
      },
    });
    expect(result).toMatchObject({
      file: 'supabase/migrations/00202_python_create_invoices.sql',
      template: 'table',
    });
    // Hybrid mode: the table in the even file, its RLS in the odd one right after it.
    const files = result['files'] as { file: string; path: string }[];
    expect(files.map((f) => f.file)).toEqual([
      'supabase/migrations/00202_python_create_invoices.sql',
      'supabase/migrations/00203_python_invoices_rls.sql',
    ]);
    const sql = await fs.readFile(files[1]!.path, 'utf8');
    expect(sql).toContain('alter table public.invoices enable row level security;');
    // What create_migration writes passes the validator.
    const lint = await ok(client, 'validate_migrations', { cwd: root });
    expect((lint['summary'] as { errors: number }).errors).toBe(0);
  });

  it('validate_migrations finds nothing on the example', async () => {
    use('validate_migrations');
    expect(await ok(client, 'validate_migrations', { cwd: example })).toEqual({
      findings: [],
      summary: { files: 12, statements: 110, errors: 0, warnings: 0, infos: 0 },
    });
  });

  it('validate_migrations flags SQL not written yet that creates a table without RLS', async () => {
    const sql =
      '-- things\ncreate table public.things (\n  id bigint generated always as identity primary key,\n' +
      '  created_at timestamptz not null default now(),\n  updated_at timestamptz not null default now()\n);\n' +
      "comment on table public.things is 'Things.';\n";
    const before = await listTree(example);
    expect(await ok(client, 'validate_migrations', { cwd: example, sql })).toEqual({
      findings: [
        {
          rule: 'rls-disabled-in-public',
          severity: 'error',
          file: 'supabase/migrations/00402_pending.sql',
          line: 2,
          column: 1,
          message: RLS_MESSAGE,
          help: RLS_HELP,
        },
      ],
      summary: { files: 13, statements: 112, errors: 1, warnings: 0, infos: 0 },
    });
    const named = await ok(client, 'validate_migrations', {
      cwd: example,
      sql,
      name: '00402_shared_things.sql',
    });
    expect((named['findings'] as Array<{ file: string }>).map((f) => f.file)).toEqual([
      'supabase/migrations/00402_shared_things.sql',
    ]);
    expect(await listTree(example)).toEqual(before);
  });

  it('check_migrations replays the example on a throwaway database and writes nothing', async () => {
    use('check_migrations');
    const before = await listTree(example);
    const progress: Progress[] = [];
    const result = await ok(client, 'check_migrations', { cwd: example }, (p) => void progress.push(p));
    expect(result).toMatchObject({
      target: 'memory (scratch)',
      total: 12,
      applied: 12,
      failure: null,
      findings: [],
    });
    expect(progress).toEqual(FILES.map((file, i) => ({ progress: i + 1, total: 12, message: file })));
    expect(await listTree(example)).toEqual(before);
  });

  it('check_migrations reports a broken migration with file, line, column and SQLSTATE', async () => {
    const root = await copyExample();
    const broken = 'supabase/migrations/00104_node_broken.sql';
    const line3 = "insert into public.widgets (id, label) values (1, 'x');";
    await fs.writeFile(
      path.join(root, broken),
      `-- broken on purpose\ncreate table public.widgets (id bigint primary key);\n${line3}\n`,
    );
    const progress: Progress[] = [];
    const result = await ok(client, 'check_migrations', { cwd: root }, (p) => void progress.push(p));
    expect(result).toMatchObject({
      total: 13,
      applied: 6,
      failure: {
        file: broken,
        version: '00104',
        line: 3,
        column: line3.indexOf('label') + 1,
        sqlstate: '42703',
        message: 'column "label" of relation "widgets" does not exist',
        statement: 2,
      },
    });
    expect(result['findings']).toContainEqual(
      expect.objectContaining({ rule: 'rls-disabled-in-public', severity: 'error', file: broken, line: 2 }),
    );
    // Progress stops at the file that failed.
    expect(progress.map((p) => [p.progress, p.total, p.message])).toEqual([
      ...FILES.slice(0, 6).map((file, i) => [i + 1, 13, file]),
      [7, 13, broken],
    ]);
  });

  describe('on the embedded database of a copy (in order)', () => {
    let root: string;
    let planId: string;
    beforeAll(async () => {
      root = await copyExample();
    });

    it('migration_status shows every file pending before any apply', async () => {
      use('migration_status');
      const status = await ok(client, 'migration_status', { cwd: root });
      expect(status).toMatchObject({
        target: 'embedded (.kodo/db, not created yet)',
        mode: 'hybrid',
        pending: VERSIONS,
        missingLocal: [],
        outOfOrder: [],
        unsynced: [],
      });
      expect(status['migrations']).toEqual(
        VERSIONS.map((version, i) => ({
          version,
          name: path.basename(FILES[i]!, '.sql').slice(6),
          file: FILES[i],
          local: true,
          applied: false,
          edited: false,
        })),
      );
    });

    it('apply_migrations dryRun returns the plan and its planId and applies nothing', async () => {
      use('apply_migrations');
      const dry = await ok(client, 'apply_migrations', { cwd: root, dryRun: true });
      expect(dry).toMatchObject({
        target: 'embedded (.kodo/db)',
        dryRun: true,
        applied: [],
        pending: VERSIONS,
        failure: null,
        plan: VERSIONS.map((version, i) => ({ version, file: FILES[i] })),
      });
      planId = dry['planId'] as string;
      expect(planId).toMatch(/^[0-9a-f]{32}$/);
      expect((await ok(client, 'apply_migrations', { cwd: root, dryRun: true }))['planId']).toBe(planId);
      expect((await ok(client, 'migration_status', { cwd: root }))['pending']).toEqual(VERSIONS);
    });

    it('apply_migrations applies every file with progress, and migration_status agrees', async () => {
      const progress: Progress[] = [];
      const applied = await ok(
        client,
        'apply_migrations',
        { cwd: root, planId },
        (p) => void progress.push(p),
      );
      expect(applied).toMatchObject({ dryRun: false, applied: VERSIONS, pending: [], failure: null });
      expect(progress).toEqual(FILES.map((file, i) => ({ progress: i + 1, total: 12, message: file })));
      const status = await ok(client, 'migration_status', { cwd: root });
      expect(status).toMatchObject({ pending: [], missingLocal: [], outOfOrder: [] });
      expect(
        (status['migrations'] as Array<{ applied: boolean; local: boolean }>).map((m) => [
          m.local,
          m.applied,
        ]),
      ).toEqual(VERSIONS.map(() => [true, true]));
      // Nothing left: a second call applies nothing.
      expect(await ok(client, 'apply_migrations', { cwd: root })).toMatchObject({ applied: [], pending: [] });
    });

    it('repair_history reverts and re-applies a version in the history only', async () => {
      use('repair_history');
      expect(
        await ok(client, 'repair_history', { cwd: root, versions: ['00400'], status: 'reverted' }),
      ).toEqual({
        target: 'embedded (.kodo/db)',
        status: 'reverted',
        dryRun: false,
        repaired: ['00400'],
        changes: [{ version: '00400', action: 'delete', file: null }],
        planId: expect.stringMatching(/^[0-9a-f]{32}$/),
        cancelled: false,
      });
      expect((await ok(client, 'migration_status', { cwd: root }))['pending']).toEqual(['00400']);
      const dry = await ok(client, 'repair_history', {
        cwd: root,
        versions: ['00400'],
        status: 'applied',
        dryRun: true,
      });
      expect(dry['changes']).toEqual([{ version: '00400', action: 'insert', file: FILES[10] }]);
      expect((await ok(client, 'migration_status', { cwd: root }))['pending']).toEqual(['00400']);
      await ok(client, 'repair_history', { cwd: root, versions: ['00400'], status: 'applied' });
      expect((await ok(client, 'migration_status', { cwd: root }))['pending']).toEqual([]);
      // The view 00400 creates was never dropped: repair touched the history only, and re-applying is a no-op.
      expect(await ok(client, 'apply_migrations', { cwd: root })).toMatchObject({ applied: [] });
    });
  });

  it('reset_database replays every migration on a throwaway database (memory)', async () => {
    use('reset_database');
    expect(await ok(client, 'reset_database', { cwd: example, db: 'memory' })).toMatchObject({
      target: 'memory',
      applied: VERSIONS,
      seeded: [],
      failure: null,
      failedPhase: null,
      cancelled: false,
    });
  });

  it('get_advisors reports only the GraphQL inventory on the example, and test_rls finds it isolated', async () => {
    use('get_advisors');
    use('test_rls');
    const advised = await ok(client, 'get_advisors', { cwd: example, failOn: 'error' });
    const rules = new Set((advised['findings'] as Array<{ rule: string }>).map((f) => f.rule));
    expect([...rules].sort()).toEqual([
      'pg-graphql-anon-table-exposed',
      'pg-graphql-authenticated-table-exposed',
    ]);
    expect(advised['failed']).toBe(false);
    expect(await ok(client, 'test_rls', { cwd: example })).toMatchObject({
      failed: 0,
      leaks: [],
      unproven: [],
    });
  });

  it('diff_schema finds the replayed migrations equal to themselves, and dumps them verified', async () => {
    use('diff_schema');
    expect(await ok(client, 'diff_schema', { cwd: example, to: 'migrations' })).toMatchObject({
      from: 'supabase/migrations (12 files)',
      to: 'supabase/migrations (12 files)',
      differences: [],
      sql: '',
      path: null,
      verified: true,
    });
    const dump = await ok(client, 'diff_schema', { cwd: example, dump: true });
    expect(dump).toMatchObject({
      from: 'an empty Supabase database',
      to: 'supabase/migrations (12 files)',
      verified: true,
    });
    expect(dump['sql']).toContain('create table public.profiles (');
  });

  it('generate_rollback and squash_migrations dry runs verify (more in their own files)', async () => {
    use('generate_rollback');
    use('squash_migrations');
    expect(
      await ok(client, 'generate_rollback', { cwd: example, file: '00401', dryRun: true }),
    ).toMatchObject({
      verified: true,
      path: null,
      dryRun: true,
    });
    expect(await ok(client, 'squash_migrations', { cwd: example, dryRun: true })).toMatchObject({
      verified: true,
      backup: null,
      dryRun: true,
    });
  });

  it('covered every registered tool with a successful call', () => {
    expect([...used].sort()).toEqual(registry.map((t) => t.name).sort());
  });
});

describe('isError answers', () => {
  let client: Client;
  let stderr: () => string;
  let example: string;
  const used = new Set<string>();

  beforeAll(async () => {
    example = await copyExample();
    client = await connectStdio(example, { args: roots(example) });
    stderr = captureStderr(client);
  });
  afterAll(async () => {
    await client?.close();
  });

  const use = (name: string) => used.add(name);

  it('detect_orm: invalid JSON and an invalid config name the file, position and JSON path', async () => {
    use('detect_orm');
    const syntax = await makeFiles({ '.kodo/config.json': '{ "stack": \n' });
    expect(await refused(client, 'detect_orm', { cwd: syntax })).toBe(
      '.kodo/config.json is not valid JSON: expected a value but found end of file at line 2, column 1; fix the syntax.',
    );
    const invalid = await makeFiles(INVALID_CONFIG);
    expect(await refused(client, 'detect_orm', { cwd: invalid })).toBe(INVALID_CONFIG_MESSAGE);
  });

  it('allocate_version: an unknown workspace and a full range', async () => {
    use('allocate_version');
    expect(await refused(client, 'allocate_version', { cwd: example, workspace: 'nope' })).toBe(
      'Unknown workspace "nope"; use one of: bootstrap, node-api, python-analytics, rust-realtime, shared (or the prefix node, python, rust).',
    );
    const full = await makeFiles({
      '.kodo/config.json': JSON.stringify({
        stack: {
          workspaces: {
            tiny: {
              language: 'typescript',
              database: {
                orm: { name: 'drizzle' },
                migrationStrategy: { type: 'hybrid', serviceRange: { start: '00100', end: '00101' } },
              },
            },
          },
        },
      }),
      'supabase/migrations/00100_node_a.sql': 'select 1;\n',
      'supabase/migrations/00101_node_b.sql': 'select 1;\n',
    });
    expect(
      await refused(client, 'allocate_version', { cwd: full, workspace: 'tiny', kind: 'behavior' }),
    ).toBe(
      'Range 00100-00101 of workspace "tiny" has no free behavior version after 00101; give the workspace a new, larger serviceRange in .kodo/config.json.',
    );
  });

  it('sync_orm: an unknown workspace is refused by name, nothing written', async () => {
    use('sync_orm');
    const before = await listTree(example);
    expect(await refused(client, 'sync_orm', { cwd: example, workspace: 'nope' })).toMatch(/"nope"/);
    expect(await listTree(example)).toEqual(before);
  });

  it('init_hybrid: an invalid config is its one-sentence error, nothing written', async () => {
    use('init_hybrid');
    const invalid = await makeFiles(INVALID_CONFIG);
    const before = await listTree(invalid);
    expect(await refused(client, 'init_hybrid', { cwd: invalid })).toBe(INVALID_CONFIG_MESSAGE);
    expect(await listTree(invalid)).toEqual(before);
  });

  it('create_migration: a name escaping supabase/migrations and an unknown template write nothing', async () => {
    use('create_migration');
    const root = await copyExample();
    const before = await listTree(root);
    for (const name of ['../../evil', 'a/b', '..\\evil']) {
      expect(await refused(client, 'create_migration', { cwd: root, name, workspace: 'node-api' })).toBe(
        `Migration name "${name}" contains a path separator or "..", which could escape supabase/migrations; use words only, like "create users".`,
      );
    }
    expect(await refused(client, 'create_migration', { cwd: root, name: 'x', template: 'view' })).toContain(
      'Invalid option: expected one of "empty"|"table"|"extensions"|"core_functions" at template',
    );
    expect(await refused(client, 'create_migration', { cwd: root, name: 'x', workspace: 'go' })).toMatch(
      /^Unknown workspace "go"; use one of: /,
    );
    expect(await listTree(root)).toEqual(before);
    await expect(fs.stat(path.join(root, '..', 'evil.sql'))).rejects.toThrow();
  });

  it('validate_migrations: a path that does not exist', async () => {
    use('validate_migrations');
    expect(await refused(client, 'validate_migrations', { cwd: example, paths: ['nope.sql'] })).toBe(
      'nope.sql does not exist; pass migration files or folders.',
    );
  });

  it('validate_migrations: a path outside the project is refused, and nothing outside is read', async () => {
    use('validate_migrations');
    const outside = (arg: string) =>
      `${arg} is outside the MCP server's roots ${example}, ${os.tmpdir()}; pass a path inside it (start the server with --root DIR to allow another folder).`;
    expect(await refused(client, 'validate_migrations', { cwd: example, paths: ['../../etc/passwd'] })).toBe(
      outside('paths[0] "../../etc/passwd"'),
    );
    expect(await refused(client, 'validate_migrations', { cwd: example, paths: ['/etc/passwd'] })).toBe(
      outside('paths[0] "/etc/passwd"'),
    );
  });

  it('migration_status: a dead server is named by host and port, never with its password', async () => {
    use('migration_status');
    const text = await refused(client, 'migration_status', { cwd: example, db: DEAD_URL });
    expect(text).toBe(DEAD_MESSAGE);
    expect(text).not.toContain('secret');
    expect(await refused(client, 'migration_status', { cwd: example, db: 'nonsense' })).toBe(
      'Unknown database (the value is not shown) in --db; use embedded, memory, local, a postgres:// or postgresql:// URL, or a libpq key=value string such as "host=… dbname=… user=…".',
    );
  });

  it('check_migrations: an invalid config and a dead server', async () => {
    use('check_migrations');
    expect(await refused(client, 'check_migrations', { cwd: await makeFiles(INVALID_CONFIG) })).toBe(
      INVALID_CONFIG_MESSAGE,
    );
    const text = await refused(client, 'check_migrations', { cwd: example, db: DEAD_URL });
    expect(text).toBe(DEAD_MESSAGE);
  });

  it('repair_history: a version with no local file, and a malformed version', async () => {
    use('repair_history');
    const root = await copyExample();
    expect(
      await refused(client, 'repair_history', { cwd: root, versions: ['00999'], status: 'applied' }),
    ).toBe(
      "No local file for version 00999 in supabase/migrations; repair --status applied records a file's statements, so restore or create the file first (or use --status reverted to drop the row).",
    );
    expect(await refused(client, 'repair_history', { cwd: root, versions: ['abc'], status: 'applied' })).toBe(
      'Invalid version "abc": versions are the digits before the first underscore of a file name, like 20240101120000 or 00102.',
    );
  });

  it('apply_migrations: a planId that is not the current plan is refused and applies nothing', async () => {
    use('apply_migrations');
    const root = await copyExample();
    expect(await refused(client, 'apply_migrations', { cwd: root, planId: 'f'.repeat(32) })).toBe(
      'The pending migrations or the target changed since the plan was approved (target embedded (.kodo/db)); run a new dry run and review it before applying.',
    );
    expect((await ok(client, 'migration_status', { cwd: root }))['pending']).toEqual(VERSIONS);
  });

  it('apply_migrations: a dry run planId goes stale when a file is added', async () => {
    const root = await copyExample();
    const { planId } = (await ok(client, 'apply_migrations', { cwd: root, dryRun: true })) as {
      planId: string;
    };
    await fs.writeFile(path.join(root, 'supabase/migrations/00402_shared_more.sql'), 'select 1;\n');
    expect(await refused(client, 'apply_migrations', { cwd: root, planId })).toMatch(
      /^The pending migrations or the target changed since the plan was approved/,
    );
    expect((await ok(client, 'migration_status', { cwd: root }))['pending']).toEqual([...VERSIONS, '00402']);
  });

  it.skipIf(!serverAvailable)(
    'apply_migrations: a real server without planId is refused and nothing reaches the database',
    async () => {
      const root = await copyExample();
      const scratch = await createScratchDatabase('kodo_mcp');
      try {
        const text = await refused(client, 'apply_migrations', { cwd: root, db: scratch.url });
        expect(text).toMatch(
          /^Applying 12 migration\(s\) to .+ needs approval: run a dry run, show its plan to the user, and apply with the planId of the plan they approved\.$/,
        );
        expect(text).toContain(scratch.name);
        expect(text).not.toContain(':postgres@');
        const db = new pg.Client({ connectionString: scratch.url });
        await db.connect();
        try {
          const { rows } = await db.query<{ history: string | null; schemas: string[] }>(
            `select to_regclass('supabase_migrations.schema_migrations')::text as history,
                    array(select nspname::text from pg_namespace
                          where nspname in ('supabase_migrations', 'auth', 'storage', 'extensions')) as schemas`,
          );
          expect(rows).toEqual([{ history: null, schemas: [] }]);
          const tables = await db.query(`select 1 from pg_tables where schemaname = 'public'`);
          expect(tables.rowCount).toBe(0);
        } finally {
          await db.end();
        }
      } finally {
        await scratch.drop();
      }
    },
  );

  it('reset_database: a server that is not the local stack is refused before any connection', async () => {
    use('reset_database');
    const text = await refused(client, 'reset_database', {
      cwd: example,
      db: 'postgres://u:secret@db.example.com/x',
    });
    expect(text).toMatch(
      /^kodo reset rebuilds only a development database: .*:\/\/u@db\.example\.com:5432\/x is none of them\./,
    );
    expect(text).not.toContain('secret');
  });

  it('get_advisors and test_rls: an embedded database not created yet, a spec file that does not parse', async () => {
    use('get_advisors');
    use('test_rls');
    expect(await refused(client, 'get_advisors', { cwd: example, db: 'embedded' })).toMatch(
      /^The embedded database \(\.kodo\/db\) does not exist yet; run kodo up to create it/,
    );
    const broken = await makeFiles({
      'supabase/migrations/00001_a.sql': 'select 1;\n',
      'supabase/tests/rls/broken.yaml': 'personas: [\n',
    });
    expect(await refused(client, 'test_rls', { cwd: broken })).toMatch(/^supabase\/tests\/rls\/broken\.yaml/);
  });

  it('diff_schema: no declarative schema files, and dump given a "to"', async () => {
    use('diff_schema');
    expect(await refused(client, 'diff_schema', { cwd: example, to: 'schemas' })).toMatch(
      /^There are no declarative schema files \(no \*\.sql under supabase\/schemas and no \[db\.migrations\] schema_paths/,
    );
    expect(await refused(client, 'diff_schema', { cwd: example, dump: true, to: 'embedded' })).toBe(
      'dump recreates one state: give only from (and no to or name).',
    );
  });

  it('generate_rollback and squash_migrations: an unknown file or version in one sentence', async () => {
    use('generate_rollback');
    use('squash_migrations');
    expect(await refused(client, 'generate_rollback', { cwd: example, file: '00999' })).toBe(
      'No migration in supabase/migrations is "00999"; give its version, file name or path (the newest is supabase/migrations/00401_shared_avatars_rls.sql).',
    );
    expect(await refused(client, 'squash_migrations', { cwd: example, version: '00999' })).toBe(
      'No migration in supabase/migrations has version 00999; kodo list shows the versions (the newest is 00401).',
    );
  });

  it('covered every registered tool with an isError answer', () => {
    expect([...used].sort()).toEqual(registry.map((t) => t.name).sort());
  });

  it('kept stack traces off the server stderr for every expected error', () => {
    const text = stderr();
    expect(text).toContain('MCP server on stdio');
    expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(text).not.toMatch(/Error:|KodoError|Internal error/);
  });
});
