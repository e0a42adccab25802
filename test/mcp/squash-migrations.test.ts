// MCP `squash_migrations` over stdio (the bundle spawned as .mcp.json says): announced as destructive and needing
// the user, a verified dry run of the example that writes nothing, a real squash of a small project, and isError
// for a version that does not exist, one that is not a version, and a squash that cannot be verified.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectStdio, headline } from '../helpers/mcp.js';
import { copyExample, listTree, makeFiles, migrationFiles } from '../helpers/temp.js';

const M = 'supabase/migrations';

let client: Client;
let example: string;
beforeAll(async () => {
  example = await copyExample();
  client = await connectStdio(example, { args: ['--root', example, '--root', os.tmpdir()] });
});
afterAll(async () => {
  await client?.close();
});

const call = (args: Record<string, unknown>) =>
  callTool<Record<string, unknown>>(client, 'squash_migrations', args);

describe('squash_migrations over stdio', { timeout: 60_000 }, () => {
  it('is announced as destructive (it moves the originals), open world (db), needing the user', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'squash_migrations');
    expect(tool?.annotations).toEqual({
      title: 'Squash migrations into one verified file',
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
    });
    expect(tool?._meta).toEqual({ 'anthropic/requiresUserInteraction': true });
  });

  it('dryRun on the example: verified, the 12 files into 00000_squashed_to_00401.sql, nothing written', async () => {
    const before = await listTree(example);
    const dry = await call({ dryRun: true });
    expect(dry.isError).toBe(false);
    expect(headline(dry)).toBe(
      'verified: 12 migrations would become supabase/migrations/00000_squashed_to_00401.sql (data: statements).',
    );
    expect(dry.structured).toMatchObject({
      into: `${M}/00000_squashed_to_00401.sql`,
      verified: true,
      backup: null,
      data: 'statements',
      kept: [
        { file: `${M}/00401_shared_avatars_rls.sql`, line: 6, kind: 'insert', targets: ['storage.buckets'] },
      ],
      history: null,
      remaining: [],
      dryRun: true,
    });
    expect(await listTree(example)).toEqual(before);
  });

  it('without dryRun: the squashed file replaces the originals, which move to .kodo/squashed/', async () => {
    const root = await makeFiles({
      [`${M}/20240101000000_a.sql`]: 'create table public.t (id int primary key);\n',
      [`${M}/20240102000000_b.sql`]: 'insert into public.t values (1);\n',
    });
    const done = await call({ cwd: root });
    expect(done.isError).toBe(false);
    const backup = done.structured['backup'] as string;
    expect(backup).toMatch(/^\.kodo\/squashed\/20240102000000-\d{14}$/);
    expect(headline(done)).toBe(
      `verified: 2 migrations became ${M}/20240102000000_b.sql (data: statements); originals in ${backup}.`,
    );
    expect(await migrationFiles(root)).toEqual(['20240102000000_b.sql']);
    expect(await fs.readFile(path.join(root, M, '20240102000000_b.sql'), 'utf8')).toBe(
      done.structured['sql'],
    );
    expect((await fs.readdir(path.join(root, backup))).sort()).toEqual([
      '20240101000000_a.sql',
      '20240102000000_b.sql',
    ]);
  });

  it('a version that does not exist, or is not a version: isError in one sentence, nothing written', async () => {
    const before = await listTree(example);
    const unknown = await call({ version: '00999' });
    expect(unknown).toMatchObject({ isError: true, structured: undefined });
    expect(unknown.text).toBe(
      'No migration in supabase/migrations has version 00999; kodo list shows the versions (the newest is 00401).',
    );
    const invalid = await call({ version: 'abc', dryRun: true });
    expect(invalid).toMatchObject({ isError: true, structured: undefined });
    expect(invalid.text).toBe('--version must be a migration version (digits only, like 00401).');
    expect(await listTree(example)).toEqual(before);
  });

  it('a squash that does not verify: isError with what differed, and nothing moved', async () => {
    const root = await makeFiles({
      [`${M}/20240101000000_a.sql`]: 'create table public.t (n int);\ninsert into public.t values (5);\n',
      [`${M}/20240102000000_b.sql`]: 'alter table public.t add constraint small check (n < 3) not valid;\n',
    });
    const before = await listTree(root);
    const failed = await call({ cwd: root });
    const why = [
      'with the data statements: the squashed file fails at line 13: new row for relation "t" violates check constraint "small"',
      'with the rows they left: the squashed file fails at line 14: new row for relation "t" violates check constraint "small"',
    ];
    expect(failed.isError).toBe(true);
    expect(headline(failed)).toBe(
      `failed: the squash did not verify (${why.join('; ')}); nothing was written.`,
    );
    expect(failed.structured).toMatchObject({ verified: false, backup: null, remaining: why });
    expect(await listTree(root)).toEqual(before);
  });
});
