// `npm run bench`: cold start of the embedded database, time to apply 200 realistic migrations, and peak memory.
//
// Each measurement is a new process on a new temporary project, as a person running `kodo up` sees it: one for the
// cold start, one for the apply. Peak RSS is that of the shipped CLI (`node dist/kodo.js up`, measured by GNU time),
// since the bench's own processes also carry tsx. Projects live under .bench/ (git-ignored), on the disk a real
// project is on. Prints the medians and their ratio to the targets; run `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { up } from '../src/apply/up.js';
import { openDatabase } from '../src/db/open.js';

const MIGRATIONS = 200;
const RUNS = Number(process.env['KODO_BENCH_RUNS'] ?? 5);
const TARGETS = { startMs: 1000, applyMs: 3000, rssMb: 300 };

interface RunFigures {
  startMs: number;
  applyMs: number;
  rssMb: number;
  /** Peak RSS of a process that only opens the database: how much of rssMb the engine itself takes. */
  openRssMb: number;
  /** Wall time of the whole `kodo up` process, which lints the pending files before applying them. */
  cliMs: number;
  /** The same with --no-verify: the difference is what verification costs. */
  cliNoVerifyMs: number;
  applied: number;
}

/** 100 tables (uuid keys, foreign keys, indexes, RLS with 4 policies) and 100 behaviour files (functions, triggers). */
function corpus(): Record<string, string> {
  const files: Record<string, string> = {};
  const version = (n: number) => `2024${String(10_000_000_000 + n).slice(1)}`;
  for (let t = 0; t < MIGRATIONS / 2; t++) {
    const table = `public.entity_${t}`;
    const parent =
      t > 0 ? `\n  parent_id uuid references public.entity_${t - 1} (id) on delete set null,` : '';
    files[`${version(2 * t)}_create_entity_${t}.sql`] =
      `-- Entity ${t}: a table owned by a user, readable by its owner.
create table ${table} (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id) on delete cascade,${parent}
  title text not null check (char_length(title) between 1 and 200),
  status text not null default 'draft',
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index entity_${t}_owner_id_idx on ${table} (owner_id);
create index entity_${t}_status_created_idx on ${table} (status, created_at desc);

alter table ${table} enable row level security;

create policy "entity_${t} select own" on ${table} for select to authenticated
  using ((select auth.uid()) = owner_id);
create policy "entity_${t} insert own" on ${table} for insert to authenticated
  with check ((select auth.uid()) = owner_id);
create policy "entity_${t} update own" on ${table} for update to authenticated
  using ((select auth.uid()) = owner_id) with check ((select auth.uid()) = owner_id);
create policy "entity_${t} delete own" on ${table} for delete to authenticated
  using ((select auth.uid()) = owner_id);
`;
    files[`${version(2 * t + 1)}_entity_${t}_behaviour.sql`] =
      `-- Entity ${t}: keep updated_at fresh and count titles per owner.
create or replace function public.entity_${t}_touch() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger entity_${t}_touch before update on ${table}
  for each row execute function public.entity_${t}_touch();

create or replace function public.entity_${t}_count(p_owner uuid) returns bigint
language sql stable security definer
set search_path = ''
as $$
  select count(*) from ${table} where owner_id = p_owner;
$$;

revoke execute on function public.entity_${t}_count(uuid) from anon;
`;
  }
  return files;
}

const REPO = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

async function makeProject(): Promise<string> {
  await fs.mkdir(path.join(REPO, '.bench'), { recursive: true });
  const root = await fs.mkdtemp(path.join(REPO, '.bench', 'apply-'));
  const dir = path.join(root, 'supabase', 'migrations');
  await fs.mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(corpus())) await fs.writeFile(path.join(dir, name), text);
  return root;
}

/** Cold start: a new process opening a new project's embedded database (the data directory comes from the cache). */
async function measureStart(): Promise<Partial<RunFigures>> {
  const root = await makeProject();
  try {
    const t0 = performance.now();
    const db = await openDatabase('embedded', { root, env: {} });
    const startMs = performance.now() - t0;
    await db.close();
    return { startMs, openRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

/** `kodo up` on a new project: the time from the first file to the last, and the process's peak memory. */
async function measureApply(): Promise<Partial<RunFigures>> {
  const root = await makeProject();
  try {
    let firstFileAt = 0;
    const result = await up({
      root,
      db: 'embedded',
      env: {},
      onProgress: (done) => {
        if (done === 1) firstFileAt = performance.now();
      },
    });
    const applyMs = performance.now() - firstFileAt;
    if (result.failure) throw new Error(`Migration failed: ${JSON.stringify(result.failure)}`);
    return { applyMs, applied: result.applied.length };
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

/** Peak RSS and wall time of the shipped CLI applying the corpus to a new project's embedded database. */
async function measureCli(extra: string[] = []): Promise<{ rssMb: number; wallMs: number }> {
  const root = await makeProject();
  try {
    const t0 = performance.now();
    const run = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        'maxrss %M',
        process.execPath,
        path.join(REPO, 'dist', 'kodo.js'),
        'up',
        '--cwd',
        root,
        '--json',
        ...extra,
      ],
      { encoding: 'utf8' },
    );
    const wallMs = performance.now() - t0;
    const applied = run.status === 0 ? (JSON.parse(run.stdout) as { applied: string[] }).applied.length : 0;
    const kb = /maxrss (\d+)/.exec(run.stderr)?.[1];
    if (applied !== MIGRATIONS || !kb)
      throw new Error(`node dist/kodo.js up failed: ${run.stderr.slice(-500)}`);
    return { rssMb: Number(kb) / 1024, wallMs };
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function coordinate(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const runs: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const child = (mode: string) => {
      const out = execFileSync(process.execPath, [...process.execArgv, self, mode], { encoding: 'utf8' });
      return JSON.parse(out.trim().split('\n').at(-1)!) as Partial<RunFigures>;
    };
    // Alternated, so that neither variant always runs right after the other's clean-up.
    let cli: { rssMb: number; wallMs: number };
    let noVerify: { rssMb: number; wallMs: number };
    if (i % 2 === 0) {
      cli = await measureCli();
      noVerify = await measureCli(['--no-verify']);
    } else {
      noVerify = await measureCli(['--no-verify']);
      cli = await measureCli();
    }
    const figures = {
      ...child('--start'),
      ...child('--apply'),
      rssMb: cli.rssMb,
      cliMs: cli.wallMs,
      cliNoVerifyMs: noVerify.wallMs,
    } as RunFigures;
    runs.push(figures);
    process.stderr.write(
      `run ${i + 1}/${RUNS}: start ${figures.startMs.toFixed(0)} ms, apply ${figures.applyMs.toFixed(0)} ms, RSS ${figures.rssMb.toFixed(0)} MB (${figures.openRssMb.toFixed(0)} MB after opening alone), kodo up ${figures.cliMs.toFixed(0)} ms (--no-verify ${figures.cliNoVerifyMs.toFixed(0)} ms)\n`,
    );
  }
  const start = median(runs.map((r) => r.startMs));
  const apply = median(runs.map((r) => r.applyMs));
  const rss = median(runs.map((r) => r.rssMb));
  const row = (label: string, value: string, target: string, ratio: number) =>
    `  ${label.padEnd(28)} ${value.padStart(9)}   target ${target.padEnd(9)} ${ratio.toFixed(2)}x of target ${ratio <= 1 ? 'ok' : 'OVER'}`;
  console.log(
    `kodo bench: ${runs[0]?.applied ?? 0} migrations on the embedded database, medians of ${RUNS} runs`,
  );
  console.log(
    row('embedded cold start', `${(start / 1000).toFixed(2)} s`, '<= 1 s', start / TARGETS.startMs),
  );
  console.log(
    row(
      `apply ${MIGRATIONS} migrations`,
      `${(apply / 1000).toFixed(2)} s`,
      '<= 3 s',
      apply / TARGETS.applyMs,
    ),
  );
  console.log(row('peak RSS', `${rss.toFixed(0)} MB`, '<= 300 MB', rss / TARGETS.rssMb));
  console.log(
    `  (peak RSS of a process that only opens the database: ${median(runs.map((r) => r.openRssMb)).toFixed(0)} MB)`,
  );
  const cli = median(runs.map((r) => r.cliMs));
  const noVerify = median(runs.map((r) => r.cliNoVerifyMs));
  console.log(
    `  kodo up as a process: ${(cli / 1000).toFixed(2)} s with verification, ${(noVerify / 1000).toFixed(2)} s with --no-verify: linting the ${MIGRATIONS} pending files costs ${(cli - noVerify).toFixed(0)} ms (${(cli / noVerify).toFixed(2)}x)`,
  );
}

if (process.argv.includes('--start')) {
  console.log(JSON.stringify(await measureStart()));
} else if (process.argv.includes('--apply')) {
  console.log(JSON.stringify(await measureApply()));
} else {
  await coordinate();
}
