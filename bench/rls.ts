// Benchmark (not a test): the automatic isolation matrix on a generated project of 100 exposed tables (50 owned
// by a user, 50 by an organization through a membership table), embedded database. Prints the median of
// in-process matrix runs on an applied database, and the median wall time of `kodo rls test --json` (replay
// from the prefix cache, then the matrix), against the 5 s target.
// Run: npm run bench:rls   (KODO_BENCH_RUNS=n to change runs, KODO_BENCH_BIN to pick a kodo bundle)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openMemoryDatabase } from '../src/db/pglite.js';
import { runMatrix } from '../src/rls/matrix/run.js';
import { loadParser } from '../src/sql/parse.js';

const RUNS = Number(process.env['KODO_BENCH_RUNS'] ?? 5);
const TARGET_MS = 5000;
const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const bin = process.env['KODO_BENCH_BIN'] ?? path.join(root, 'dist/kodo.js');

function schema(): string[] {
  const files = [
    `create table public.orgs (id uuid primary key default gen_random_uuid(), name text not null);
create table public.memberships (org_id uuid not null references public.orgs (id), user_id uuid not null references auth.users (id),
  role text not null default 'member' check (role in ('owner', 'member')), primary key (org_id, user_id));
alter table public.memberships enable row level security;
create policy memberships_own on public.memberships for select to authenticated using (user_id = (select auth.uid()));
alter table public.orgs enable row level security;
create policy orgs_member on public.orgs for select to authenticated
  using (id in (select m.org_id from public.memberships m where m.user_id = (select auth.uid())));`,
  ];
  for (let i = 0; i < 50; i++) {
    files.push(`create table public.user_items_${i} (id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id), title text not null, amount integer not null check (amount >= 0),
  created_at timestamptz not null default now());
alter table public.user_items_${i} enable row level security;
create policy own_${i} on public.user_items_${i} for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));`);
    files.push(`create table public.org_items_${i} (id bigint generated always as identity primary key,
  org_id uuid not null references public.orgs (id), name text not null, status text not null check (status in ('a', 'b')));
alter table public.org_items_${i} enable row level security;
create policy org_${i} on public.org_items_${i} for all to authenticated
  using (org_id in (select m.org_id from public.memberships m where m.user_id = (select auth.uid())))
  with check (org_id in (select m.org_id from public.memberships m where m.user_id = (select auth.uid())));`);
  }
  return files;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function inProcess(
  files: string[],
): Promise<{ ms: number[]; tables: number; leaks: number; unproven: number }> {
  await loadParser();
  const db = await openMemoryDatabase('memory');
  for (const sql of files) await db.exec(sql);
  const ms: number[] = [];
  let last = { tables: 0, leaks: 0, unproven: 0 };
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = await runMatrix(db, { schemas: ['public'] });
    ms.push(performance.now() - t);
    last = { tables: r.tables.length, leaks: r.leaks.length, unproven: r.unproven.length };
  }
  await db.close();
  return { ms, ...last };
}

async function cli(files: string[]): Promise<number[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-bench-rls-'));
  await fs.mkdir(path.join(dir, 'supabase/migrations'), { recursive: true });
  await Promise.all(
    files.map((sql, i) =>
      fs.writeFile(path.join(dir, `supabase/migrations/${String(20260101000000 + i)}_t${i}.sql`), `${sql}\n`),
    ),
  );
  const cache = path.join(dir, '.cache');
  const env = { ...process.env, KODO_CHECK_CACHE_DIR: cache };
  const ms: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    const run = spawnSync(process.execPath, [bin, 'rls', 'test', '--json', '--cwd', dir], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
    // Exit 1 is a finding (a leak), not a failure of the benchmark; 2 is.
    if (run.status !== 0 && run.status !== 1) throw new Error(`kodo rls test failed: ${run.stderr}`);
    // The first run replays and caches the 101 files; the others start from the cached state, as a user's do.
    if (i > 0) ms.push(performance.now() - t);
  }
  await fs.rm(dir, { recursive: true, force: true });
  return ms;
}

const files = schema();
const matrix = await inProcess(files);
console.log(
  `matrix, in process, ${matrix.tables} exposed tables (${matrix.leaks} leaks, ${matrix.unproven} not proven): median ${median(matrix.ms).toFixed(0)} ms over ${RUNS} runs`,
);
const wall = await cli(files);
const m = median(wall);
console.log(
  `kodo rls test --json (CLI wall, state from the prefix cache): median ${m.toFixed(0)} ms over ${RUNS} runs`,
);
console.log(
  `target ${TARGET_MS} ms: ratio ${(m / TARGET_MS).toFixed(2)} (${m <= TARGET_MS ? 'met' : 'missed'})`,
);
