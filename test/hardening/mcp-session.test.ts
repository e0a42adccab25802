// Issue 8 items 8 (MCP half) and 10: a cancelled apply or check stops after the file in progress and says how far
// it got; a request too large or not JSON is answered, and the server keeps serving; check_migrations starts with
// its verdict and returns ok; an apply stopped by a failed file is isError with the structured failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  type CallToolResult,
  CallToolResultSchema,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio, pluginServerCommand } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp.js';

const versions = Array.from({ length: 30 }, (_, i) => `202401010000${String(i + 1).padStart(2, '0')}`);
const fileOf = (i: number) => `supabase/migrations/${versions[i]}_f${i + 1}.sql`;
/** The 10th file sleeps: the cancel arrives while it runs. It creates a schema before and after the sleep. */
const SLOW = 9;

async function project(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(base, 'p-'));
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), text);
  }
  return root;
}

function thirtyFiles(): Record<string, string> {
  return Object.fromEntries(
    versions.map((_, i) => [
      fileOf(i),
      i === SLOW ? 'create schema s10a;\nselect pg_sleep(1);\ncreate schema s10b;\n' : `select ${i + 1};\n`,
    ]),
  );
}

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const r = (await client.callTool({ name, arguments: args }, CallToolResultSchema)) as CallToolResult;
  const first = r.content[0];
  return {
    isError: r.isError === true,
    text: first?.type === 'text' ? first.text : '',
    structured: r.structuredContent,
  };
}

let client: Client;
let base: string;
const logs: string[] = [];

beforeAll(async () => {
  base = await fs.realpath(await tempDir('kodo-session-root-'));
  client = await connectStdio(base);
  client.setNotificationHandler(
    LoggingMessageNotificationSchema,
    (n) => void logs.push(String(n.params.data)),
  );
});
afterAll(async () => {
  await client?.close();
});

/** Calls a tool and cancels it when progress reaches the slow file; resolves with the log line it left. */
async function cancelAtSlowFile(name: string, cwd: string, prefix: string): Promise<string> {
  const controller = new AbortController();
  const call = client.callTool({ name, arguments: { cwd } }, CallToolResultSchema, {
    signal: controller.signal,
    onprogress: (p) => {
      if (p.progress === SLOW + 1) controller.abort();
    },
  });
  await expect(call).rejects.toThrow();
  for (let i = 0; i < 200 && !logs.some((l) => l.startsWith(prefix)); i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  return logs.find((l) => l.startsWith(prefix)) ?? '';
}

describe.concurrent('cancellation', () => {
  it('apply_migrations stops after the file in progress, logs how far it got, and the next call sees it', async () => {
    const root = await project(thirtyFiles());
    const line = await cancelAtSlowFile('apply_migrations', root, 'cancelled: 10 applied');
    expect(line).toBe(
      `cancelled: 10 applied (${versions.slice(0, 10).join(', ')}), 20 pending (${versions.slice(10).join(', ')}) on embedded (.kodo/db).`,
    );
    const status = await call(client, 'migration_status', { cwd: root });
    expect(status.structured?.['pending']).toEqual(versions.slice(10));
    // The slow file committed whole: applying the rest does not trip over half of it.
    const rest = await call(client, 'apply_migrations', { cwd: root });
    expect(rest.structured).toMatchObject({ applied: versions.slice(10), pending: [], failure: null });
  });

  it('check_migrations stops the same way and says so', async () => {
    const root = await project(thirtyFiles());
    expect(await cancelAtSlowFile('check_migrations', root, 'failed: cancelled')).toBe(
      'failed: cancelled after 10 of 30 migration(s) (nothing is kept).',
    );
  });
});

describe.concurrent('verdicts', () => {
  const good = { 'supabase/migrations/20240101000001_a.sql': 'select 1;\n' };
  const broken = {
    ...good,
    'supabase/migrations/20240101000002_b.sql': '-- broken\nselect * from public.nope;\n',
  };
  const FAILURE = 'supabase/migrations/20240101000002_b.sql:2:15: relation "public.nope" does not exist';

  it('check_migrations starts with passed: or failed:, agreeing with ok', async () => {
    const passed = await call(client, 'check_migrations', { cwd: await project(good) });
    expect(passed.isError).toBe(false);
    expect(passed.text.split('\n')[0]).toBe('passed: all 1 migration(s) apply on memory (scratch).');
    expect(passed.structured?.['ok']).toBe(true);
    const failed = await call(client, 'check_migrations', { cwd: await project(broken) });
    expect(failed.isError).toBe(false);
    expect(failed.text.split('\n')[0]).toBe(`failed: ${FAILURE} (1 of 2 migration(s) applied before it).`);
    expect(failed.structured?.['ok']).toBe(false);
    expect(JSON.parse(failed.text.slice(failed.text.indexOf('\n') + 1))).toEqual(failed.structured);
  });

  it('apply_migrations stopped by a failed file is isError with the structured failure in its text', async () => {
    const answer = await call(client, 'apply_migrations', { cwd: await project(broken), db: 'memory' });
    expect(answer.isError).toBe(true);
    const [headline, ...json] = answer.text.split('\n');
    expect(headline).toBe(
      `failed: ${FAILURE}; it was rolled back, 1 applied (20240101000001), 1 pending (20240101000002) on memory.`,
    );
    expect(JSON.parse(json.join('\n'))).toMatchObject({
      applied: ['20240101000001'],
      failure: { file: 'supabase/migrations/20240101000002_b.sql', line: 2, column: 15, sqlstate: '42P01' },
    });
  });
  it('apply_migrations refused by error-level findings is isError too, and applies nothing', async () => {
    const exposed = {
      'supabase/migrations/20240101000001_t.sql': 'create table public.t (id bigint primary key);\n',
    };
    const answer = await call(client, 'apply_migrations', { cwd: await project(exposed), db: 'memory' });
    expect(answer.isError).toBe(true);
    expect(answer.text.split('\n')[0]).toBe(
      'failed: 1 error finding(s) in the pending files, nothing applied on memory; fix them (or pass noVerify once you are sure they are wrong).',
    );
    expect(answer.structured).toMatchObject({
      refused: true,
      applied: [],
      findings: [{ rule: 'rls-disabled-in-public' }],
    });
  });
});

describe('requests the transport cannot take', () => {
  it('answers an oversize request with an error and keeps serving; a large sql gets a limit to act on', async () => {
    const huge = client.callTool({
      name: 'validate_migrations',
      arguments: { sql: 'x'.repeat(20 * 1024 * 1024) },
    });
    await expect(huge).rejects.toThrow(
      'The request is over 20 MB, more than the 16 MB the kodo MCP server accepts in one message; pass large SQL as a migration file (validate_migrations paths) instead of inline.',
    );
    const large = await call(client, 'validate_migrations', { sql: 'x'.repeat(5 * 1024 * 1024) });
    expect(large.isError).toBe(true);
    expect(large.text).toContain(
      'sql is over 4 MB; write the migration to a file and pass its path in paths.',
    );
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it('answers a line that is not JSON and an oversize line with its id, over a raw pipe', async () => {
    const { command, args } = pluginServerCommand();
    const child = spawn(command, [...args, '--root', base], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const big = `{"jsonrpc":"2.0","id":"big","method":"ping","params":{"pad":"${'y'.repeat(17 * 1024 * 1024)}"}}`;
    child.stdin.write('not json\n');
    child.stdin.write(`${big}\n`);
    child.stdin.write('{"jsonrpc":"2.0","id":7,"method":"ping"}\n');
    for (let i = 0; i < 200 && !out.includes('"id":7'); i++) await new Promise((r) => setTimeout(r, 25));
    child.kill();
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: {
          code: -32700,
          message: 'The message is not valid JSON; send one JSON-RPC message per line.',
        },
      },
      {
        jsonrpc: '2.0',
        id: 'big',
        error: {
          code: -32600,
          message:
            'The request is over 17 MB, more than the 16 MB the kodo MCP server accepts in one message; pass large SQL as a migration file (validate_migrations paths) instead of inline.',
        },
      },
      { jsonrpc: '2.0', id: 7, result: {} },
    ]);
  });
});
