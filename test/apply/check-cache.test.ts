// The incremental check: the state after each prefix of the folder is cached, so a check after editing or adding
// the newest migration replays only that file, and reports exactly what a cold check reports.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckResult, checkMigrations } from '../../src/apply/check.js';
import { makeProject, type Project } from './helpers.js';

const FILES = 200;
const version = (n: number) => `2024${String(10_000_000_000 + n).slice(1)}`;
const last = `${version(FILES - 1)}_last.sql`;

function corpus(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let t = 0; t < FILES - 1; t++) {
    files[`${version(t)}_table_${t}.sql`] =
      t === 3
        ? // A statement that runs outside the transaction: its warning must come back from the cache too.
          'create table public.t3 (id bigint primary key, note text);\ncreate index concurrently t3_note_idx on public.t3 (note);'
        : `create table public.t${t} (id bigint primary key, note text);\ninsert into public.t${t} values (${t}, 'row ${t}');`;
  }
  files[last] = 'insert into public.t0 values (1000, (select note from public.t198));';
  return files;
}

let cacheDir: string;
let project: Project;
const env = () => ({ KODO_CHECK_CACHE_DIR: cacheDir, KODO_CHECK_CACHE_MIN_MS: '0' });
const check = (cache = true) => checkMigrations({ root: project.root, db: 'memory', env: env(), cache });
/** What a person reads: everything but how much the cache did. */
const seen = ({ cached: _cached, ...rest }: CheckResult) => rest;
const entries = async () => (await fs.readdir(cacheDir)).filter((n) => n.endsWith('.json')).sort();

beforeAll(async () => {
  cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-check-cache-'));
  project = await makeProject(corpus());
});
afterAll(() => fs.rm(cacheDir, { recursive: true, force: true }));

// Several checks of 200 files each: generous on a loaded 2-core CI machine.
describe('kodo check with the prefix cache', { timeout: 180_000 }, () => {
  it('replays only the edited newest file, with the result of a cold check', async () => {
    const first = await check();
    expect(first).toMatchObject({ total: FILES, applied: FILES, cached: 0, failure: null });
    expect(first.warnings).toEqual([expect.stringContaining('t3_note_idx')]);
    // The folder without its newest file, and the whole folder.
    expect(await entries()).toHaveLength(2);

    // The newest file edited to fail on its second statement: the failure is found from the cached state.
    await project.write(
      last,
      "insert into public.t0 values (1000, (select note from public.t198));\ninsert into public.t1 values (1, 'duplicate');",
    );
    const files: string[] = [];
    const warm = await checkMigrations({
      root: project.root,
      db: 'memory',
      env: env(),
      onProgress: (_done, _total, file) => {
        files.push(file);
      },
    });
    expect(files).toEqual([`supabase/migrations/${last}`]);
    expect(warm).toMatchObject({ applied: FILES - 1, cached: FILES - 1 });
    expect(warm.failure).toMatchObject({ file: `supabase/migrations/${last}`, line: 2, sqlstate: '23505' });
    const cold = await check(false);
    expect(cold.cached).toBe(0);
    expect(seen(warm)).toEqual(seen(cold));
  });

  it('adding a migration after a passing check replays that one file', async () => {
    // Back to the content of the first check: that whole state is cached, nothing is replayed.
    await project.write(last, 'insert into public.t0 values (1000, (select note from public.t198));');
    expect(await check()).toMatchObject({ failure: null, cached: FILES });
    await project.write(`${version(FILES)}_added.sql`, 'update public.t0 set note = note || $$!$$;');
    const added = await check();
    expect(added).toMatchObject({ failure: null, total: FILES + 1, applied: FILES + 1, cached: FILES });
    await project.remove(`${version(FILES)}_added.sql`);
  });

  it('an edited older file invalidates every state after it', async () => {
    const name = `${version(100)}_table_100.sql`;
    await project.write(name, 'create table public.t100 (id bigint primary key, note text, extra int);');
    const edited = await check();
    // No state before file 100 was cached: everything is replayed.
    expect(edited).toMatchObject({ failure: null, applied: FILES, cached: 0 });
    expect(seen(edited)).toEqual(seen(await check(false)));
  });

  it('a damaged cache entry is ignored and replaced, never trusted', async () => {
    // The states of the current folder exist now (the previous check wrote them): damage every one.
    const names = await entries();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const file = path.join(cacheDir, name.replace(/\.json$/, '.tar'));
      const bytes = await fs.readFile(file);
      bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
      await fs.writeFile(file, bytes);
    }
    const result = await check();
    expect(result).toMatchObject({ failure: null, applied: FILES, cached: 0 });
    // Replaced by sound ones, which the next check uses.
    expect(await entries()).toEqual(names);
    expect(await check()).toMatchObject({ failure: null, applied: FILES, cached: FILES });
  });

  it('--no-cache neither reads nor writes the cache', async () => {
    await fs.rm(cacheDir, { recursive: true, force: true });
    await fs.mkdir(cacheDir);
    expect(await check(false)).toMatchObject({ failure: null, cached: 0 });
    expect(await entries()).toEqual([]);
  });
});
