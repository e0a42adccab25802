// `npm run bench:real -- <folder…>`: `kodo check` on real projects' migration folders, as a new user runs it.
//
// Each folder is a project root (it holds supabase/migrations) or a migrations folder (its .sql files are copied into
// a temporary project). Each check is a new process of the shipped CLI (`KODO_BENCH_BIN`, default dist/kodo.js),
// timed by the wall clock, its peak RSS read by GNU time (or, without it, from /proc while it runs). Prints one row
// per folder (files applied / total, the first failure, wall time, peak RSS, findings by rule) and a total line;
// `--json` (or KODO_BENCH_JSON=1) prints the same as JSON. Never writes into the folders it measures.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.resolve(repoRoot, process.env['KODO_BENCH_BIN'] ?? 'dist/kodo.js');
const GNU_TIME = '/usr/bin/time';

interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
}

interface CheckJson {
  total?: number;
  applied?: number;
  failure?: {
    file: string;
    line?: number;
    sqlstate?: string | null;
    message: string;
  } | null;
  findings?: Finding[];
}

interface Row {
  name: string;
  folder: string;
  total: number;
  applied: number;
  failure: string | null;
  wallS: number;
  rssMb: number | null;
  exitCode: number | null;
  errors: number;
  warnings: number;
  infos: number;
  /** rule → [errors, warnings, infos] */
  rules: Record<string, [number, number, number]>;
  /** Set when the CLI gave no JSON (a crash, a usage error): its last stderr line. */
  crash?: string;
}

/** The project root for a folder: itself when it holds supabase/migrations, else a temporary project holding a copy. */
function projectFor(folder: string): { root: string; name: string; temp?: string } {
  const abs = path.resolve(folder);
  if (fs.existsSync(path.join(abs, 'supabase', 'migrations'))) return { root: abs, name: path.basename(abs) };
  if (path.basename(abs) === 'migrations' && path.basename(path.dirname(abs)) === 'supabase') {
    const root = path.dirname(path.dirname(abs));
    return { root, name: path.basename(root) };
  }
  const sql = fs.readdirSync(abs).filter((f) => f.endsWith('.sql'));
  if (sql.length === 0)
    throw new Error(`${folder}: neither a project root (supabase/migrations) nor a folder of .sql files`);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'kodo-bench-real-'));
  const into = path.join(temp, 'supabase', 'migrations');
  fs.mkdirSync(into, { recursive: true });
  for (const f of sql) fs.copyFileSync(path.join(abs, f), path.join(into, f));
  return { root: temp, name: path.basename(abs), temp };
}

/** Peak RSS in kB of a running process, from /proc (VmHWM only grows, so the last reading is the peak). */
function readHwm(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function runCheck(
  root: string,
): Promise<{ stdout: string; stderr: string; code: number | null; wallMs: number; rssKb: number | null }> {
  const useTime = fs.existsSync(GNU_TIME);
  const timeOut = path.join(os.tmpdir(), `kodo-bench-real-time-${process.pid}-${Date.now()}`);
  // Cold, as a new user's first run: no database state cached by an earlier run of the bench.
  const cli = [bin, 'check', '--json', '--no-cache', '--cwd', root];
  const [cmd, args] = useTime
    ? [GNU_TIME, ['-f', '%M', '-o', timeOut, process.execPath, ...cli]]
    : [process.execPath, cli];
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let hwm: number | null = null;
  const poll = useTime
    ? undefined
    : setInterval(() => {
        hwm = readHwm(child.pid ?? -1) ?? hwm;
      }, 20);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  let rssKb: number | null = hwm;
  if (useTime) {
    try {
      const lines = fs.readFileSync(timeOut, 'utf8').trim().split('\n');
      rssKb = Number(lines[lines.length - 1]) || null;
    } catch {
      rssKb = null;
    }
    fs.rmSync(timeOut, { force: true });
  }
  return { stdout, stderr, code, wallMs, rssKb };
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

async function measure(folder: string): Promise<Row> {
  const project = projectFor(folder);
  try {
    const run = await runCheck(project.root);
    const row: Row = {
      name: project.name,
      folder: path.resolve(folder),
      total: 0,
      applied: 0,
      failure: null,
      wallS: run.wallMs / 1000,
      rssMb: run.rssKb === null ? null : run.rssKb / 1024,
      exitCode: run.code,
      errors: 0,
      warnings: 0,
      infos: 0,
      rules: {},
    };
    let json: CheckJson;
    try {
      json = JSON.parse(run.stdout) as CheckJson;
    } catch {
      const last = run.stderr.trim().split('\n').pop() ?? '';
      row.crash = truncate(last || `exit ${run.code}, no JSON on stdout`, 200);
      row.failure = `(no result) ${row.crash}`;
      return row;
    }
    row.total = json.total ?? 0;
    row.applied = json.applied ?? 0;
    const f = json.failure;
    if (f) {
      const where = `${path.basename(f.file)}${f.line ? `:${f.line}` : ''}`;
      row.failure = `${where} ${f.sqlstate ?? ''} ${f.message}`.replace(/ {2,}/g, ' ');
    }
    for (const finding of json.findings ?? []) {
      const counts = row.rules[finding.rule] ?? [0, 0, 0];
      row.rules[finding.rule] = counts;
      if (finding.severity === 'error') {
        counts[0]++;
        row.errors++;
      } else if (finding.severity === 'warning') {
        counts[1]++;
        row.warnings++;
      } else {
        counts[2]++;
        row.infos++;
      }
    }
    return row;
  } finally {
    if (project.temp) fs.rmSync(project.temp, { recursive: true, force: true });
  }
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

function printText(rows: Row[]): void {
  const nameW = Math.max(7, ...rows.map((r) => r.name.length));
  const header = `${pad('project', nameW)}  ${pad('applied', 11, true)}  ${pad('wall s', 7, true)}  ${pad('RSS MB', 6, true)}  ${pad('E/W/I', 11, true)}  first failure`;
  console.log(header);
  console.log('-'.repeat(header.length + 20));
  for (const r of rows) {
    const applied = `${r.applied}/${r.total}`;
    const rss = r.rssMb === null ? '?' : r.rssMb.toFixed(0);
    const ewi = `${r.errors}/${r.warnings}/${r.infos}`;
    console.log(
      `${pad(r.name, nameW)}  ${pad(applied, 11, true)}  ${pad(r.wallS.toFixed(2), 7, true)}  ${pad(rss, 6, true)}  ${pad(ewi, 11, true)}  ${r.failure ? truncate(r.failure, 110) : '-'}`,
    );
    const rules = Object.entries(r.rules)
      .sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || a[0].localeCompare(b[0]))
      .map(
        ([rule, [e, w, i]]) =>
          `${rule} ${[e ? `${e}E` : '', w ? `${w}W` : '', i ? `${i}I` : ''].filter(Boolean).join('')}`,
      );
    if (rules.length > 0) console.log(`${' '.repeat(nameW + 2)}findings: ${rules.join(', ')}`);
  }
  const total = rows.reduce((n, r) => n + r.total, 0);
  const applied = rows.reduce((n, r) => n + r.applied, 0);
  const full = rows.filter((r) => r.total > 0 && r.applied === r.total && !r.crash).length;
  const pct = total === 0 ? 0 : (100 * applied) / total;
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  const warnings = rows.reduce((n, r) => n + r.warnings, 0);
  const wall = rows.reduce((n, r) => n + r.wallS, 0);
  const peak = Math.max(0, ...rows.map((r) => r.rssMb ?? 0));
  console.log('-'.repeat(header.length + 20));
  console.log(
    `total: ${applied}/${total} files applied (${pct.toFixed(1)} %), ${full}/${rows.length} folders fully applied, ${errors} errors, ${warnings} warnings, ${wall.toFixed(1)} s, peak RSS ${peak.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json') || process.env['KODO_BENCH_JSON'] === '1';
  const folders = args.filter((a) => a !== '--json');
  if (folders.length === 0) {
    console.error('usage: npm run bench:real -- [--json] <project root or migrations folder>…');
    process.exit(2);
  }
  if (!fs.existsSync(bin)) {
    console.error(`${bin} does not exist: run npm run build, or set KODO_BENCH_BIN to a built kodo.js`);
    process.exit(2);
  }
  if (!fs.existsSync(GNU_TIME))
    console.error(`(no ${GNU_TIME}: peak RSS read from /proc while the check runs)`);
  const rows: Row[] = [];
  for (const folder of folders) {
    if (!asJson) process.stderr.write(`checking ${folder}…\n`);
    rows.push(await measure(folder));
  }
  if (asJson) {
    const total = rows.reduce((n, r) => n + r.total, 0);
    const applied = rows.reduce((n, r) => n + r.applied, 0);
    console.log(
      JSON.stringify(
        { bin, rows, total, applied, percentApplied: total ? (100 * applied) / total : 0 },
        null,
        2,
      ),
    );
  } else {
    printText(rows);
  }
}

await main();
