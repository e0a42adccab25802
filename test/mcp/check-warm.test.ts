// The MCP server keeps the check's database warm: after a check, the next one, once the newest migration is edited,
// replays only that file (applied as a trial and rolled back) and reports exactly what a cold check reports, even
// where a rollback alone would differ (sequences, deferred constraints).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKodoJson } from '../helpers/cli.js';
import { connectStdio } from '../helpers/mcp.js';

const FILES = 30;
const version = (n: number) => `2024${String(10_000_000_000 + n).slice(1)}`;
const newest = `${version(FILES - 1)}_newest.sql`;

let root: string;
let cacheDir: string;
let client: Client;
const dir = () => path.join(root, 'supabase', 'migrations');

interface Checked {
  ok: boolean;
  applied: number;
  cached: number;
  failure: { file: string; line: number; sqlstate: string } | null;
  findings: unknown[];
  warnings: string[];
}

async function viaMcp(): Promise<Checked> {
  const result = await client.callTool({ name: 'check_migrations', arguments: {} });
  return result.structuredContent as unknown as Checked;
}

async function cold(): Promise<Checked> {
  const { json } = await runKodoJson<Checked>(['check', '--no-cache', '--json'], { cwd: root });
  return json;
}

const seen = ({ cached: _c, ...rest }: Checked) => rest;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-warm-'));
  cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-warm-cache-'));
  await fs.mkdir(dir(), { recursive: true });
  await fs.writeFile(
    path.join(dir(), `${version(0)}_counter.sql`),
    'create table public.counter (id serial primary key, note text);',
  );
  for (let t = 1; t < FILES - 1; t++)
    await fs.writeFile(path.join(dir(), `${version(t)}_t${t}.sql`), `create table public.t${t} (id int);`);
  await fs.writeFile(path.join(dir(), newest), "insert into public.counter (note) values ('first');");
  // No cache on disk: whatever a check does not replay came from the warm database.
  client = await connectStdio(root, {
    env: { KODO_CHECK_CACHE_DIR: cacheDir, KODO_CHECK_CACHE_MB: '0' },
  });
});

afterAll(async () => {
  await client?.close();
  await fs.rm(root, { recursive: true, force: true });
  await fs.rm(cacheDir, { recursive: true, force: true });
});

describe('check_migrations keeps its database warm', { timeout: 120_000 }, () => {
  it('replays only the edited newest file, with the result of a cold check', async () => {
    const first = await viaMcp();
    expect(first).toMatchObject({ applied: FILES, failure: null });

    // The sequence the first trial drew from is given back: `first` gets id 1 again, and id 1 collides.
    await fs.writeFile(
      path.join(dir(), newest),
      "insert into public.counter (note) values ('first');\ninsert into public.counter (id, note) values (1, 'again');",
    );
    for (let i = 0; i < 2; i++) {
      const warm = await viaMcp();
      expect(warm).toMatchObject({ applied: FILES - 1, cached: FILES - 1 });
      expect(warm.failure).toMatchObject({
        file: `supabase/migrations/${newest}`,
        line: 2,
        sqlstate: '23505',
      });
      expect(seen(warm)).toEqual(seen(await cold()));
    }
  });

  it('checks deferred constraints where a commit would', async () => {
    await fs.writeFile(
      path.join(dir(), newest),
      'create table public.child (id int, counter_id int references public.counter (id) deferrable initially deferred);\ninsert into public.child values (1, 999);',
    );
    const warm = await viaMcp();
    expect(warm).toMatchObject({ cached: FILES - 1 });
    expect(warm.failure).toMatchObject({ sqlstate: '23503' });
    expect(seen(warm)).toEqual(seen(await cold()));
  });

  it('an added migration continues from the warm database; a file that must commit is applied for real', async () => {
    await fs.writeFile(path.join(dir(), newest), "insert into public.counter (note) values ('first');");
    await fs.writeFile(
      path.join(dir(), `${version(FILES)}_index.sql`),
      'create index concurrently counter_note_idx on public.counter (note);',
    );
    const added = await viaMcp();
    expect(added).toMatchObject({ applied: FILES + 1, cached: FILES - 1, failure: null });
    expect(seen(added)).toEqual(seen(await cold()));
  });

  // Last: after every check above, the cache folder the server was given is still empty.
  it('writes nothing to disk with KODO_CHECK_CACHE_MB=0', async () => {
    expect(await fs.readdir(cacheDir)).toEqual([]);
  });
});
