// `npm run bench:squash -- [--json] [project root]`: `kodo squash --dry-run --json` (the dump of the state at the
// newest file, the originals' data statements, and the proof on a fresh database) on the largest real folder, as a
// new user runs it, against a first target of 15 s and 400 MB.
//
// The project (a root holding supabase/migrations; default /tmp/real/hivecom, hivecom/hivecom.net at c0d1541b:
// 448 files) is copied to a temporary folder, so nothing is written into the folder measured, with a prefix cache
// of the bench's own. Each run is a new process of the shipped CLI (`KODO_BENCH_BIN`, default dist/kodo.js; run
// `npm run build` first), timed by the wall clock, its peak RSS read by GNU time (or from /proc while it runs).
// A run that does not verify is still timed (its proof ran to the end) and reported with what differed; the bench
// then exits 1. The first of KODO_BENCH_RUNS (default 3) replays the folder and fills the prefix cache, so
// it is shown apart as the cold run; the median of the others is the warm figure held to the target.
// `--json` (or KODO_BENCH_JSON=1) prints everything as JSON. KODO_BENCH_KEEP=1 keeps the temporary project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SquashResult } from '../src/squash/result.js';
import { bin, copyProject, jsonOf, median, migrationCount, runKodo } from './diff.js';

const DEFAULT_ROOT = '/tmp/real/hivecom';
const RUNS = Math.max(1, Number(process.env['KODO_BENCH_RUNS'] ?? 3));
const TARGET_MS = 15_000;
const TARGET_MB = 400;
const SHOWN_REMAINING = 5;

interface Run {
  wallMs: number;
  rssKb: number | null;
}

interface Report {
  project: string;
  bin: string;
  files: number;
  verified: boolean;
  /** What differed when the squash did not verify (the first entries). */
  remaining: string[];
  folded: number;
  into: string;
  data: SquashResult['data'];
  kept: number;
  skipped: number;
  warnings: string[];
  cold: Run;
  warm: Run[];
  /** Median of the warm runs (the cold run when there is only one). */
  medianMs: number;
  medianRssMb: number | null;
  maxRssMb: number | null;
  target: { ms: number; mb: number; wallRatio: number; rssRatio: number | null; met: boolean };
  machine: { cpus: number; arch: string; node: string; load: { start: number[]; end: number[] } };
}

function mb(kb: number | null): string {
  return kb === null ? '?' : (kb / 1024).toFixed(0);
}

/** KODO_BENCH_RUNS squash runs, verified or not (a crash, no JSON, throws); the last run's answer. */
async function squashRuns(root: string, env: NodeJS.ProcessEnv, log: (line: string) => void) {
  const runs: Run[] = [];
  let last: SquashResult | undefined;
  for (let i = 0; i < RUNS; i++) {
    const run = await runKodo(['squash', '--dry-run', '--json', '--cwd', root], env, root);
    const json = jsonOf<SquashResult>(run, 'kodo squash');
    log(
      `  squash run ${i === 0 ? 'cold' : i}: ${(run.wallMs / 1000).toFixed(2)} s, ${mb(run.rssKb)} MB${json.verified ? '' : ', NOT verified'}`,
    );
    runs.push({ wallMs: run.wallMs, rssKb: run.rssKb });
    last = json;
  }
  return { runs, result: last! };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json') || process.env['KODO_BENCH_JSON'] === '1';
  const given = args.filter((a) => a !== '--json');
  if (given.length > 1) {
    console.error('usage: npm run bench:squash -- [--json] [project root]');
    process.exit(2);
  }
  if (!fs.existsSync(bin)) {
    console.error(`${bin} does not exist: run npm run build, or set KODO_BENCH_BIN to a built kodo.js`);
    process.exit(2);
  }
  const folder = given[0] ?? DEFAULT_ROOT;
  if (!fs.existsSync(path.join(folder, 'supabase', 'migrations'))) {
    console.error(
      `${folder}: no supabase/migrations. Name a project root, or put hivecom/hivecom.net's supabase/ folder (commit c0d1541b) at ${DEFAULT_ROOT}.`,
    );
    process.exit(2);
  }
  const log = asJson ? () => undefined : (line: string) => process.stderr.write(`${line}\n`);
  const loadAtStart = os.loadavg();
  const root = copyProject(folder, 'kodo-bench-squash-');
  const env: NodeJS.ProcessEnv = { ...process.env, KODO_CHECK_CACHE_DIR: path.join(root, '.cache') };
  delete env['KODO_DATABASE_URL'];
  delete env['KODO_TIMING'];
  try {
    const files = migrationCount(root);
    log(`${path.basename(path.resolve(folder))}: ${files} migration files, copied to ${root}`);
    const { runs, result } = await squashRuns(root, env, log);
    const [cold, ...warm] = runs as [Run, ...Run[]];
    const held = warm.length > 0 ? warm : [cold];
    const rss = held.map((r) => r.rssKb).filter((k): k is number => k !== null);
    const medianMs = median(held.map((r) => r.wallMs));
    const medianRssMb = rss.length > 0 ? median(rss) / 1024 : null;
    const rssRatio = medianRssMb === null ? null : medianRssMb / TARGET_MB;
    const report: Report = {
      project: path.resolve(folder),
      bin,
      files,
      verified: result.verified,
      remaining: result.remaining.slice(0, SHOWN_REMAINING),
      folded: result.squashed.length,
      into: result.into,
      data: result.data,
      kept: result.kept.length,
      skipped: result.skipped.length,
      warnings: result.warnings,
      cold,
      warm,
      medianMs,
      medianRssMb,
      maxRssMb: rss.length > 0 ? Math.max(...rss) / 1024 : null,
      target: {
        ms: TARGET_MS,
        mb: TARGET_MB,
        wallRatio: medianMs / TARGET_MS,
        rssRatio,
        met: medianMs <= TARGET_MS && (rssRatio ?? 0) <= 1,
      },
      machine: {
        cpus: os.availableParallelism(),
        arch: os.arch(),
        node: process.version,
        load: { start: loadAtStart, end: os.loadavg() },
      },
    };
    if (!report.verified) process.exitCode = 1;
    if (asJson) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    const r = report;
    console.log(
      `kodo squash --dry-run --json on ${path.basename(r.project)} (${r.files} files): ${r.verified ? 'verified' : 'NOT verified'}, ${r.folded} files folded into ${r.into}; data: ${r.data} (${r.kept} statements kept, ${r.skipped} left out)`,
    );
    for (const x of r.remaining) console.log(`  not verified: ${x}`);
    console.log(
      `  cold (replay fills the prefix cache): ${(cold.wallMs / 1000).toFixed(2)} s, ${mb(cold.rssKb)} MB`,
    );
    console.log(
      `  ${warm.length > 0 ? `warm median of ${warm.length}` : 'cold only'}: ${(medianMs / 1000).toFixed(2)} s, peak RSS median ${medianRssMb?.toFixed(0) ?? '?'} MB, max ${r.maxRssMb?.toFixed(0) ?? '?'} MB`,
    );
    console.log(
      `  target ${TARGET_MS / 1000} s / ${TARGET_MB} MB: ratio ${r.target.wallRatio.toFixed(2)} / ${rssRatio?.toFixed(2) ?? '?'} (${r.target.met ? 'met' : 'missed'})`,
    );
    for (const w of r.warnings) console.log(`  warning: ${w}`);
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
    console.log(
      `(${r.machine.cpus} cores, ${r.machine.arch}, node ${r.machine.node}; load average at the start: ${load(r.machine.load.start)}; at the end: ${load(r.machine.load.end)})`,
    );
  } finally {
    if (process.env['KODO_BENCH_KEEP'] === '1') log(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}

await main();
