// MCP `generate_rollback` over stdio (the bundle spawned as .mcp.json says): honest annotations, the verified
// rollback of the example's newest migration with its one irreversible line, written only without dryRun, and an
// unknown file answered with isError in one sentence.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectStdio, headline } from '../helpers/mcp.js';
import { copyExample, listTree, migrationFiles } from '../helpers/temp.js';

const FILE = 'supabase/migrations/00401_shared_avatars_rls.sql';
const POLICIES = ['delete', 'insert', 'select', 'update'].map(
  (c) => `avatars_${c}_own_folder on storage.objects`,
);

let client: Client;
let root: string;
beforeAll(async () => {
  root = await copyExample();
  client = await connectStdio(root);
});
afterAll(async () => {
  await client?.close();
});

const call = (args: Record<string, unknown>) =>
  callTool<Record<string, unknown>>(client, 'generate_rollback', args);

describe('generate_rollback over stdio', { timeout: 60_000 }, () => {
  it('is announced as writing a new file, not destructive, not idempotent, closed world', async () => {
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === 'generate_rollback')?.annotations).toEqual({
      title: 'Generate the verified rollback of a migration',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    });
  });

  it('dryRun: verified, the bucket insert reported irreversible with its line, nothing written', async () => {
    const before = await listTree(root);
    const dry = await call({ file: '00401', dryRun: true });
    expect(dry.isError).toBe(false);
    expect(headline(dry)).toBe(
      `verified: rollback of ${FILE} (dry run: nothing written); 1 irreversible step(s).`,
    );
    expect(dry.structured).toMatchObject({
      file: FILE,
      path: null,
      version: '00403',
      verified: true,
      irreversible: [
        {
          line: 6,
          statement: "insert into storage.buckets (id, name, public) values ('avatars', 'avatars', fa…",
          reason: 'rows inserted into storage.buckets stay (the rollback removes no rows)',
        },
      ],
      destructive: [],
      remaining: [],
      warnings: [],
      dryRun: true,
    });
    const differences = dry.structured['differences'] as Array<Record<string, string>>;
    expect(differences.map((d) => [d.object, d.kind, d.change])).toEqual(
      POLICIES.map((p) => [p, 'policy', 'removed']),
    );
    expect(dry.structured['sql']).toContain(
      POLICIES.map((p) => `drop policy ${p};`)
        .join('\n')
        .concat('\n'),
    );
    expect(await listTree(root)).toEqual(before);
  });

  it('without dryRun: writes the rollback as a new migration holding the same SQL', async () => {
    const dry = await call({ file: FILE, dryRun: true });
    const wrote = await call({ file: FILE });
    expect(wrote.isError).toBe(false);
    // Absolute, as create_migration's path; the shared range's prefix stays first, as in every file of that range.
    const written = path.join(root, 'supabase/migrations/00403_shared_rollback_avatars_rls.sql');
    expect(wrote.structured['path']).toBe(written);
    expect(headline(wrote)).toBe(`verified: rollback of ${FILE}; wrote ${written}; 1 irreversible step(s).`);
    expect(await fs.readFile(written, 'utf8')).toBe(dry.structured['sql']);
    expect(await migrationFiles(root)).toContain(path.basename(written));
  });

  it('an unknown file: isError, one sentence naming the newest, nothing written', async () => {
    const before = await listTree(root);
    for (const file of ['00999', 'nope.sql']) {
      const bad = await call({ file });
      expect(bad).toMatchObject({ isError: true, structured: undefined });
      expect(bad.text).toBe(
        `No migration in supabase/migrations is "${file}"; give its version, file name or path (the newest is supabase/migrations/00403_shared_rollback_avatars_rls.sql).`,
      );
    }
    expect(await listTree(root)).toEqual(before);
  });
});
