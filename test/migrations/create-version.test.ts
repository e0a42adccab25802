// An explicit version for create_migration / kodo new: accepted when it keeps the range rules, otherwise refused
// with one sentence naming the rule and the version kodo would pick, and nothing written.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KodoError } from '../../src/core/errors.js';
import { type CreateRequest, createMigration } from '../../src/migrations/create.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const HYBRID = {
  stack: {
    workspaces: {
      server: { language: 'typescript', database: { orm: { name: 'drizzle' } } },
      api: { language: 'python', database: { orm: { name: 'sqlalchemy' } } },
    },
  },
};
const TABLE = { name: 'orders', comment: 'Orders.', columns: [], access: { owner: 'user_id' } };

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function project(config: unknown, files: string[]): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-version-'));
  dirs.push(root);
  if (config) {
    await fs.mkdir(path.join(root, '.kodo'));
    await fs.writeFile(path.join(root, '.kodo/config.json'), JSON.stringify(config));
  }
  await fs.mkdir(path.join(root, 'supabase/migrations'), { recursive: true });
  for (const f of files) await fs.writeFile(path.join(root, 'supabase/migrations', f), '-- existing\n');
  return root;
}

const hybrid = () => project(HYBRID, ['00100_node_users.sql', '00101_node_users_rls.sql']);

describe('an explicit version that keeps the rules is used', () => {
  it.each<[Partial<CreateRequest>, string, string]>([
    [{ workspace: 'server', version: '00102' }, 'supabase/migrations/00102_node_x.sql', 'schema'],
    // Skipping numbers is allowed: only filling a gap below an existing version is not.
    [{ workspace: 'server', version: '00110' }, 'supabase/migrations/00110_node_x.sql', 'schema'],
    // Without a kind the parity says it: odd is a behaviour migration.
    [{ workspace: 'server', version: '00103' }, 'supabase/migrations/00103_node_x.sql', 'behavior'],
    // Without a workspace the range says it: 00201 is the Python service's.
    [{ version: '00201' }, 'supabase/migrations/00201_python_x.sql', 'behavior'],
    [{ version: '00400' }, 'supabase/migrations/00400_shared_x.sql', 'schema'],
  ])('%j', async (request, file, kind) => {
    const root = await hybrid();
    const created = await createMigration(root, { name: 'x', ...request });
    expect([created.file, created.kind, created.version]).toEqual([file, kind, request.version]);
  });

  it('places a hybrid table pair at the version given and the odd one after it', async () => {
    const root = await hybrid();
    const created = await createMigration(root, {
      name: 'orders',
      workspace: 'node',
      version: '00104',
      table: TABLE,
    });
    expect(created.files.map((f) => f.file)).toEqual([
      'supabase/migrations/00104_node_orders.sql',
      'supabase/migrations/00105_node_orders_rls.sql',
    ]);
  });

  it('takes a newer timestamp without hybrid config', async () => {
    const root = await project(undefined, ['20250601120000_first.sql']);
    const created = await createMigration(root, { name: 'x', version: '20250701000000', now: NOW });
    expect(created.file).toBe('supabase/migrations/20250701000000_x.sql');
  });
});

describe('an explicit version that breaks a rule is refused with the one to use, and nothing is written', () => {
  it.each<[string, Partial<CreateRequest>, string]>([
    [
      'outside the range',
      { workspace: 'server', version: '00250' },
      'Version 00250 is outside the node range 00100-00199 of workspace "server"; use 00102.',
    ],
    [
      'wrong parity for the kind',
      { workspace: 'server', version: '00103', kind: 'schema' },
      'Version 00103 is odd, and the even/odd rule keeps odd numbers for behavior migrations, but this is a schema migration; use 00102.',
    ],
    [
      'wrong parity for the table template',
      { workspace: 'server', version: '00105', table: TABLE },
      'Version 00105 is odd, and the even/odd rule keeps odd numbers for behavior migrations, but this is a schema migration; use 00102.',
    ],
    [
      'even for a behaviour migration',
      { workspace: 'server', version: '00104', kind: 'behavior' },
      'Version 00104 is even, and the even/odd rule keeps even numbers for schema migrations, but this is a behavior migration; use 00103.',
    ],
    [
      'already taken',
      { workspace: 'server', version: '00100' },
      'Version 00100 is already taken by supabase/migrations/00100_node_users.sql; use 00102.',
    ],
    [
      'already taken, workspace from the range',
      { version: '00101', kind: 'behavior' },
      'Version 00101 is already taken by supabase/migrations/00101_node_users_rls.sql; use 00103.',
    ],
    [
      'not a version of the range width',
      { workspace: 'server', version: '102' },
      'Version 102 is not a 5-digit version like 00100; use 00102.',
    ],
    [
      'not digits',
      { workspace: 'api', version: 'latest' },
      'Version "latest" is not a 5-digit version like 00200; use 00200.',
    ],
    [
      'in no range and no workspace named',
      { version: '0010' },
      'Version 0010 falls in no range of this project (bootstrap 00000-00099, server 00100-00199, api 00200-00299, shared 00400-99999); give a version inside one, or name the workspace and omit the version to get its next free one.',
    ],
  ])('%s', async (_, request, message) => {
    const root = await hybrid();
    const before = await fs.readdir(path.join(root, 'supabase/migrations'));
    const error = await createMigration(root, { name: 'x', ...request }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KodoError);
    expect((error as KodoError).code).toBe('version-refused');
    expect((error as KodoError).message).toBe(message);
    expect(await fs.readdir(path.join(root, 'supabase/migrations'))).toEqual(before);
  });

  it('refuses filling a gap below the highest version of the range', async () => {
    const root = await project(HYBRID, [
      '00100_node_users.sql',
      '00101_node_users_rls.sql',
      '00106_node_later.sql',
    ]);
    await expect(createMigration(root, { name: 'x', workspace: 'server', version: '00104' })).rejects.toThrow(
      'Version 00104 is below 00106, the highest version already in the node range 00100-00199, and gaps are never filled: a database that has applied 00106 would have to run an earlier version; use 00108.',
    );
  });

  it.each([
    [
      '20250101000000',
      'Version 20250101000000 is below 20250601120000, the newest version in supabase/migrations, so it would run before migrations a database may already have applied; use 20250601120001.',
    ],
    [
      '20250601120000',
      'Version 20250601120000 is already taken by supabase/migrations/20250601120000_first.sql; use 20250601120001.',
    ],
    [
      '00102',
      'Version 00102 is not a 14-digit UTC timestamp (YYYYMMDDHHMMSS), which this project uses without hybrid ranges in .kodo/config.json; use 20250601120001.',
    ],
  ])('without hybrid config: %s', async (version, message) => {
    const root = await project(undefined, ['20250601120000_first.sql']);
    await expect(createMigration(root, { name: 'x', version, now: NOW })).rejects.toThrow(message);
    expect(await fs.readdir(path.join(root, 'supabase/migrations'))).toEqual(['20250601120000_first.sql']);
  });
});
