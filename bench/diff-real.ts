// `npm run bench:diff-real -- [--json] <project root…>`: `kodo dump` and `kodo diff` on real projects' migration
// folders, as a new user runs them.
//
// Each folder is a project root (it holds supabase/migrations); its supabase/ folder is copied to a temporary
// project, so nothing is written into the folder measured, and each gets a prefix cache of its own. Then, each a
// new process of the shipped CLI (`KODO_BENCH_BIN`, default dist/kodo.js), timed by the wall clock with its peak
// RSS read by GNU time (or from /proc): `kodo dump --json` twice (cold: the replay fills the cache; warm: restored
// from it) and `kodo diff --from migrations --to migrations --json` (warm), which must find no difference. The
// dump's statements are counted with kodo's parser and the state's objects read in this process (untimed). Prints
// one row per folder (commit when the folder is a git checkout or holds a `.commit` file, files, objects, dump
// verified, statements, diff empty, walls, peak RSS) with the first `remaining` entries of a dump that did not
// verify, and a total line; `--json` (or KODO_BENCH_JSON=1) prints the same as JSON.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSource } from '../src/diff/sources.js';
import { Project } from '../src/project/project.js';
import { takeSnapshot } from '../src/schema/snapshot.js';
import { bin, copyProject, jsonOf, type KodoRun, migrationCount, runKodo, statementCount } from './diff.js';

const SHOWN_REMAINING = 5;

interface DumpJson {
  sql: string;
  verified: boolean;
  remaining: string[];
  warnings: string[];
}

interface DiffJson {
  differences: { object: string; kind: string; change: string; detail: string }[];
  verified: boolean;
  remaining: string[];
  warnings: string[];
}

interface Timed {
  wallS: number;
  rssMb: number | null;
  exitCode: number | null;
}

interface Row {
  name: string;
  folder: string;
  commit: string | null;
  files: number;
  /** Objects in the snapshot of the replayed state, by kind; null when it could not be read. */
  objects: number | null;
  byKind: Record<string, number>;
  /** Objects kodo does not model yet (named in the warnings). */
  unmodeled: number;
  dumpVerified: boolean;
  dumpStatements: number;
  /** The first entries of `remaining` (objects still differing, or the error Postgres gave). */
  remaining: string[];
  remainingCount: number;
  dumpWarnings: string[];
  diffEmpty: boolean;
  diffVerified: boolean;
  /** The first differences of a migrations → migrations diff that was not empty. */
  differences: string[];
  dumpCold: Timed;
  dumpWarm: Timed;
  diff: Timed;
  /** Set when a run gave no JSON (a replay failure, a crash): its last stderr line. */
  crash?: string;
}

function commitOf(folder: string): string | null {
  const git = spawnSync('git', ['-C', folder, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  if (git.status === 0 && git.stdout.trim()) return git.stdout.trim();
  try {
    return fs.readFileSync(path.join(folder, '.commit'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function timedOf(run: KodoRun): Timed {
  return {
    wallS: run.wallMs / 1000,
    rssMb: run.rssKb === null ? null : run.rssKb / 1024,
    exitCode: run.code,
  };
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

async function measure(folder: string, log: (line: string) => void): Promise<Row> {
  const root = copyProject(folder, 'kodo-bench-diff-real-');
  const env: NodeJS.ProcessEnv = { ...process.env, KODO_CHECK_CACHE_DIR: path.join(root, '.cache') };
  delete env['KODO_DATABASE_URL'];
  delete env['KODO_TIMING'];
  const row: Row = {
    name: path.basename(path.resolve(folder)),
    folder: path.resolve(folder),
    commit: commitOf(folder),
    files: migrationCount(root),
    objects: null,
    byKind: {},
    unmodeled: 0,
    dumpVerified: false,
    dumpStatements: 0,
    remaining: [],
    remainingCount: 0,
    dumpWarnings: [],
    diffEmpty: false,
    diffVerified: false,
    differences: [],
    dumpCold: { wallS: 0, rssMb: null, exitCode: null },
    dumpWarm: { wallS: 0, rssMb: null, exitCode: null },
    diff: { wallS: 0, rssMb: null, exitCode: null },
  };
  try {
    const cold = await runKodo(['dump', '--json', '--cwd', root], env, root);
    row.dumpCold = timedOf(cold);
    log(`  dump (cold): ${row.dumpCold.wallS.toFixed(2)} s`);
    let dump: DumpJson;
    try {
      dump = jsonOf<DumpJson>(cold, 'kodo dump');
    } catch (e) {
      row.crash = truncate((e as Error).message, 300);
      return row;
    }
    row.dumpVerified = dump.verified;
    row.dumpStatements = dump.sql ? await statementCount(dump.sql) : 0;
    row.remaining = dump.remaining.slice(0, SHOWN_REMAINING);
    row.remainingCount = dump.remaining.length;
    row.dumpWarnings = dump.warnings;
    const warm = await runKodo(['dump', '--json', '--cwd', root], env, root);
    row.dumpWarm = timedOf(warm);
    log(`  dump (warm): ${row.dumpWarm.wallS.toFixed(2)} s`);
    const diffRun = await runKodo(
      ['diff', '--from', 'migrations', '--to', 'migrations', '--json', '--cwd', root],
      env,
      root,
    );
    row.diff = timedOf(diffRun);
    log(`  diff migrations → migrations: ${row.diff.wallS.toFixed(2)} s`);
    try {
      const diff = jsonOf<DiffJson>(diffRun, 'kodo diff');
      row.diffEmpty = diff.differences.length === 0;
      row.diffVerified = diff.verified;
      row.differences = diff.differences
        .slice(0, SHOWN_REMAINING)
        .map((d) => `${d.change} ${d.kind} ${d.object}${d.detail ? `: ${d.detail}` : ''}`);
    } catch (e) {
      row.crash = truncate((e as Error).message, 300);
    }
    // The state's objects, read in this process from the cache the runs left (not timed).
    const source = await openSource(new Project(root), 'migrations', { env });
    try {
      const snap = await takeSnapshot(source.db);
      row.objects = snap.objects.size;
      row.unmodeled = snap.unmodeled.length;
      for (const o of snap.objects.values()) row.byKind[o.kind] = (row.byKind[o.kind] ?? 0) + 1;
    } finally {
      await source.close();
    }
    return row;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

function rss(t: Timed): string {
  return t.rssMb === null ? '?' : t.rssMb.toFixed(0);
}

function printText(rows: Row[]): void {
  const nameW = Math.max(7, ...rows.map((r) => r.name.length));
  const cols: [string, number][] = [
    ['commit', 8],
    ['files', 5],
    ['objects', 7],
    ['dump', 5],
    ['stmts', 6],
    ['diff', 5],
    ['dump cold', 13],
    ['dump warm', 13],
    ['diff warm', 13],
  ];
  const header = `${pad('project', nameW)}  ${cols.map(([c, w]) => pad(c, w, true)).join('  ')}`;
  console.log(header);
  console.log(
    `${pad('', nameW)}  ${' '.repeat(8 + 2 + 5 + 2 + 7 + 2 + 5 + 2 + 6 + 2 + 5 + 2)}(wall s, peak RSS MB)`,
  );
  console.log('-'.repeat(header.length + 4));
  for (const r of rows) {
    const cells = [
      r.commit ? r.commit.slice(0, 8) : '-',
      String(r.files),
      r.objects === null ? '?' : String(r.objects),
      r.crash ? 'crash' : r.dumpVerified ? 'yes' : 'NO',
      String(r.dumpStatements),
      r.crash && !r.diffVerified ? '?' : r.diffEmpty ? 'yes' : 'NO',
      `${r.dumpCold.wallS.toFixed(2)}, ${rss(r.dumpCold)}`,
      `${r.dumpWarm.wallS.toFixed(2)}, ${rss(r.dumpWarm)}`,
      `${r.diff.wallS.toFixed(2)}, ${rss(r.diff)}`,
    ];
    console.log(`${pad(r.name, nameW)}  ${cells.map((c, i) => pad(c, cols[i]![1], true)).join('  ')}`);
    const indent = ' '.repeat(nameW + 2);
    if (r.crash) console.log(`${indent}crash: ${r.crash}`);
    for (const x of r.remaining) console.log(`${indent}not verified: ${truncate(x, 200)}`);
    if (r.remainingCount > r.remaining.length) {
      console.log(`${indent}… ${r.remainingCount - r.remaining.length} more`);
    }
    for (const d of r.differences) console.log(`${indent}diff: ${truncate(d, 200)}`);
    for (const w of r.dumpWarnings) console.log(`${indent}warning: ${truncate(w, 200)}`);
  }
  console.log('-'.repeat(header.length + 4));
  const verified = rows.filter((r) => r.dumpVerified && !r.crash).length;
  const empty = rows.filter((r) => r.diffEmpty && !r.crash).length;
  const files = rows.reduce((n, r) => n + r.files, 0);
  const objects = rows.reduce((n, r) => n + (r.objects ?? 0), 0);
  const statements = rows.reduce((n, r) => n + r.dumpStatements, 0);
  const wall = rows.reduce((n, r) => n + r.dumpCold.wallS + r.dumpWarm.wallS + r.diff.wallS, 0);
  const peak = Math.max(0, ...rows.flatMap((r) => [r.dumpCold, r.dumpWarm, r.diff].map((t) => t.rssMb ?? 0)));
  console.log(
    `total: ${verified}/${rows.length} dumps verified, ${empty}/${rows.length} diffs empty; ${files} files, ${objects} objects, ${statements} dump statements; ${wall.toFixed(1)} s in all, peak RSS ${peak.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json') || process.env['KODO_BENCH_JSON'] === '1';
  const folders = args.filter((a) => a !== '--json');
  if (folders.length === 0) {
    console.error('usage: npm run bench:diff-real -- [--json] <project root>…');
    process.exit(2);
  }
  if (!fs.existsSync(bin)) {
    console.error(`${bin} does not exist: run npm run build, or set KODO_BENCH_BIN to a built kodo.js`);
    process.exit(2);
  }
  const log = asJson ? () => undefined : (line: string) => process.stderr.write(`${line}\n`);
  const loadAtStart = os.loadavg();
  const rows: Row[] = [];
  for (const folder of folders) {
    log(`${folder}…`);
    rows.push(await measure(folder, log));
  }
  if (asJson) {
    console.log(JSON.stringify({ bin, load: { start: loadAtStart, end: os.loadavg() }, rows }, null, 2));
  } else {
    printText(rows);
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
    console.log(`(load average at the start: ${load(loadAtStart)}; at the end: ${load(os.loadavg())})`);
  }
}

await main();
