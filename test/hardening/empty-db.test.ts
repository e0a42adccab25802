// Item 6 of issue 8: an empty or blank database argument (`--db "$UNSET_VAR"`) is an error for every command and
// tool that takes one, never the embedded database; so is a set but blank KODO_DATABASE_URL (see spec.ts for why).
// Nothing is written: the project has no .kodo afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKodo } from '../helpers/cli.js';
import { connectStdio } from '../helpers/mcp.js';
import { makeFiles } from '../helpers/temp.js';

const EMPTY =
  'error: The database argument (--db, or db in MCP) is empty; name a target (embedded, memory, local, a URL or a key=value string) or leave the option out for the default.';
const EMPTY_ENV =
  'error: KODO_DATABASE_URL is set but empty; set it to a database (embedded, memory, local, a URL or a key=value string), or unset it to use the embedded database.';
const VERSION = '20240101000000';
const COMMANDS = [
  ['status'],
  ['list'],
  ['up'],
  ['up', '--dry-run'],
  ['up', '--yes'],
  ['check'],
  ['repair', VERSION, '--status', 'applied', '--yes'],
];

let root: string;
beforeAll(async () => {
  root = await makeFiles({ [`supabase/migrations/${VERSION}_t.sql`]: 'create table t (id int);\n' });
});

describe('the CLI', () => {
  it('refuses --db "" and --db "   " for every command, and writes nothing', async () => {
    const runs = await Promise.all(
      COMMANDS.flatMap((args) =>
        ['', '   ', '\t'].map(async (value) => ({
          args,
          value,
          run: await runKodo([...args, '--db', value], { cwd: root }),
        })),
      ),
    );
    for (const { args, value, run } of runs) {
      expect({ args, value, ...run }).toEqual({ args, value, code: 2, stdout: '', stderr: EMPTY });
    }
    expect(fs.existsSync(path.join(root, '.kodo'))).toBe(false);
  });

  it('refuses a set but blank KODO_DATABASE_URL unless --db names a target', async () => {
    const runs = await Promise.all(
      COMMANDS.map(async (args) => ({
        args,
        run: await runKodo(args, { cwd: root, env: { KODO_DATABASE_URL: ' ' } }),
      })),
    );
    for (const { args, run } of runs)
      expect({ args, ...run }).toEqual({ args, code: 2, stdout: '', stderr: EMPTY_ENV });
    const explicit = await runKodo(['status', '--db', 'memory'], {
      cwd: root,
      env: { KODO_DATABASE_URL: '' },
    });
    expect(explicit.code).toBe(0);
    expect(fs.existsSync(path.join(root, '.kodo'))).toBe(false);
  });
});

describe('the MCP tools', () => {
  let client: Awaited<ReturnType<typeof connectStdio>>;
  beforeAll(async () => {
    client = await connectStdio(root);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('refuse an empty or blank db string', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['migration_status', {}],
      ['apply_migrations', { dryRun: true }],
      ['apply_migrations', {}],
      ['check_migrations', {}],
      ['repair_history', { versions: [VERSION], status: 'applied', dryRun: true }],
    ];
    for (const [name, args] of calls) {
      for (const db of ['', '  ']) {
        const result = await client.callTool({ name, arguments: { ...args, db } });
        expect({ name, db, isError: result.isError, content: result.content }).toEqual({
          name,
          db,
          isError: true,
          content: [{ type: 'text', text: EMPTY.slice('error: '.length) }],
        });
      }
    }
    expect(fs.existsSync(path.join(root, '.kodo'))).toBe(false);
  });
});
