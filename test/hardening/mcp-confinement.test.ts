// Issue 8 item 3: the MCP server works inside its roots. A cwd or path argument that leads out of them, after
// resolving symlinks, is refused with one sentence; nothing outside is read or written; the server stays alive.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio, serverRssMb } from '../helpers/mcp.js';
import { listTree, tempDir } from '../helpers/temp.js';

const SECRET = 'secret-token-4f1c';
const GOOD = 'supabase/migrations/20240101000000_a.sql';

async function callTool(client: Client, name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args }, CallToolResultSchema)) as CallToolResult;
  const first = result.content[0];
  return { isError: result.isError === true, text: first?.type === 'text' ? first.text : '' };
}

let base: string;
let root: string;
let outside: string;
let client: Client;

beforeAll(async () => {
  base = await fs.realpath(await tempDir('kodo-confine-'));
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  await fs.mkdir(path.join(root, 'supabase/migrations'), { recursive: true });
  await fs.mkdir(path.join(root, 'evil/supabase'), { recursive: true });
  await fs.mkdir(path.join(outside, 'supabase/migrations'), { recursive: true });
  await fs.writeFile(path.join(root, GOOD), 'select 1;\n');
  await fs.writeFile(path.join(outside, '20240101000000_s.sql'), `${SECRET} line one\n${SECRET} line two\n`);
  await fs.symlink(root, path.join(base, 'rootlink'));
  await fs.symlink(outside, path.join(root, 'out'));
  await fs.symlink(path.join(outside, '20240101000000_s.sql'), path.join(root, 'leak.sql'));
  await fs.symlink(path.join(outside, 'gone.sql'), path.join(root, 'dangling.sql'));
  // A project whose migrations folder is a link out of the root: create_migration would write there.
  await fs.symlink(path.join(outside, 'supabase/migrations'), path.join(root, 'evil/supabase/migrations'));
  // Same for the embedded database, which apply_migrations writes.
  await fs.mkdir(path.join(root, 'evil-db/.kodo'), { recursive: true });
  await fs.symlink(path.join(outside, 'db'), path.join(root, 'evil-db/.kodo/db'));
  client = await connectStdio(root);
});
afterAll(async () => {
  await client?.close();
});

const outsideRoot = (what: string) =>
  `${what} is outside the MCP server's root ${root}; pass a path inside it (start the server with --root DIR to allow another folder).`;

describe('one server confined to CLAUDE_PROJECT_DIR', () => {
  it('refuses every cwd and path that leads out of the root, and reads nothing there', async () => {
    const refusals: Array<[string, Record<string, unknown>, string]> = [
      ['validate_migrations', { cwd: '/etc', paths: ['shadow'] }, 'cwd "/etc"'],
      ['validate_migrations', { cwd: '/dev', paths: ['zero'] }, 'cwd "/dev"'],
      ['validate_migrations', { paths: ['/dev/zero'] }, 'paths[0] "/dev/zero"'],
      ['validate_migrations', { paths: ['/etc/shadow'] }, 'paths[0] "/etc/shadow"'],
      ['validate_migrations', { paths: [GOOD, '/proc/self/environ'] }, 'paths[1] "/proc/self/environ"'],
      ['validate_migrations', { paths: ['../outside'] }, 'paths[0] "../outside"'],
      [
        'validate_migrations',
        { paths: ['supabase/../../outside/x.sql'] },
        'paths[0] "supabase/../../outside/x.sql"',
      ],
      ['validate_migrations', { paths: ['out'] }, 'paths[0] "out"'],
      ['validate_migrations', { paths: ['out/20240101000000_s.sql'] }, 'paths[0] "out/20240101000000_s.sql"'],
      ['validate_migrations', { paths: ['leak.sql'] }, 'paths[0] "leak.sql"'],
      ['validate_migrations', { paths: ['dangling.sql'] }, 'paths[0] "dangling.sql"'],
      ['validate_migrations', { cwd: 'out' }, 'cwd "out"'],
      ['detect_orm', { cwd: '/' }, 'cwd "/"'],
      ['detect_orm', { cwd: '..' }, 'cwd ".."'],
      ['detect_orm', { cwd: '/nonexistent/dir' }, 'cwd "/nonexistent/dir"'],
      ['create_migration', { cwd: outside, name: 'x' }, `cwd "${outside}"`],
      ['create_migration', { cwd: 'evil', name: 'x' }, `supabase/migrations of ${root}/evil`],
      ['apply_migrations', { cwd: 'evil-db' }, `.kodo/db of ${root}/evil-db`],
      ['allocate_version', { cwd: '/tmp' }, 'cwd "/tmp"'],
      ['migration_status', { cwd: '/etc' }, 'cwd "/etc"'],
      ['check_migrations', { cwd: '/etc' }, 'cwd "/etc"'],
      ['apply_migrations', { cwd: outside, db: 'memory' }, `cwd "${outside}"`],
      ['repair_history', { cwd: '/etc', versions: ['1'], status: 'reverted' }, 'cwd "/etc"'],
      [
        'migration_status',
        { db: 'postgres://u@127.0.0.1:1/x?sslrootcert=/dev/zero' },
        'db parameter sslrootcert "/dev/zero"',
      ],
      [
        'migration_status',
        { db: 'host=127.0.0.1 port=1 sslkey=/etc/shadow' },
        'db parameter sslkey "/etc/shadow"',
      ],
    ];
    const before = await listTree(outside);
    const answers = await Promise.all(refusals.map(([name, args]) => callTool(client, name, args)));
    for (const [i, [name, args, what]] of refusals.entries()) {
      expect(answers[i], `${name} ${JSON.stringify(args)}`).toEqual({
        isError: true,
        text: outsideRoot(what),
      });
    }
    expect(await listTree(outside)).toEqual(before);
    // Still alive, and small: nothing was read from /dev/zero.
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(serverRssMb(client)).toBeLessThan(400);
  });

  it('allows a cwd that is a symlink into the root, and a project folder inside it', async () => {
    const viaLink = await callTool(client, 'validate_migrations', { cwd: path.join(base, 'rootlink') });
    expect(viaLink.isError, viaLink.text).toBe(false);
    expect(JSON.parse(viaLink.text).summary.files).toBe(1);
    const named = await callTool(client, 'validate_migrations', { paths: [GOOD] });
    expect(JSON.parse(named.text).summary).toMatchObject({ files: 1, errors: 0 });
  });

  it('refuses a cwd that does not exist or is not a folder, inside the root', async () => {
    const cases: Array<[string, string]> = [
      ['missing', 'cwd "missing" does not exist'],
      [GOOD, `cwd "${GOOD}" is not a folder`],
    ];
    for (const [cwd, what] of cases) {
      for (const tool of ['detect_orm', 'migration_status', 'check_migrations']) {
        expect(await callTool(client, tool, { cwd })).toEqual({
          isError: true,
          text: `${what}; pass a project folder inside root ${root}.`,
        });
      }
    }
    await expect(fs.stat(path.join(root, 'missing'))).rejects.toThrow();
  });
});

describe('kodo mcp --root, repeatable', () => {
  it('works in the first root by default, accepts a cwd in any root and refuses one outside all', async () => {
    const [first, second] = [path.join(base, 'first'), path.join(base, 'second')];
    for (const dir of [first, second])
      await fs.mkdir(path.join(dir, 'supabase/migrations'), { recursive: true });
    const multi = await connectStdio(undefined, { args: ['--root', first, '--root', second], cwd: outside });
    try {
      const created = await callTool(multi, 'create_migration', { name: 'in first' });
      expect(created.isError, created.text).toBe(false);
      expect(await fs.readdir(path.join(first, 'supabase/migrations'))).toEqual([
        path.basename(JSON.parse(created.text).path),
      ]);
      const other = await callTool(multi, 'create_migration', { cwd: second, name: 'in second' });
      expect(other.isError, other.text).toBe(false);
      expect(await fs.readdir(path.join(second, 'supabase/migrations'))).toHaveLength(1);
      expect(await callTool(multi, 'detect_orm', { cwd: outside })).toEqual({
        isError: true,
        text: `cwd "${outside}" is outside the MCP server's roots ${first}, ${second}; pass a path inside it (start the server with --root DIR to allow another folder).`,
      });
    } finally {
      await multi.close();
    }
  });
});
