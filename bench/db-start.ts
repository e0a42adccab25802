// Benchmark (not a test): cold start of the embedded and memory databases, median of several runs, each in a
// fresh Node process running kodo's database code bundled by esbuild as dist/ is (no TypeScript loader in the way).
// Run: node --import tsx --import ./scripts/sql-loader.mjs bench/db-start.ts   (KODO_BENCH_RUNS=n to change runs)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const RUNS = Number(process.env['KODO_BENCH_RUNS'] ?? 7);
const TARGET_MS = 1000;
const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

type Scenario = 'miss' | 'memory' | 'embedded-new' | 'embedded-reopen';

const LABELS: Record<Scenario, string> = {
  miss: 'first start, no cached snapshot (initdb + shim)',
  memory: 'memory database, cached snapshot',
  'embedded-new': 'new .kodo/db from the cached snapshot',
  'embedded-reopen': 'reopen an existing .kodo/db',
};

interface Figures {
  /** Starting Node and loading kodo's database code, PGlite and pg. */
  loadMs: number;
  /** From openDatabase() to the first query answered. */
  openMs: number;
  rssMb: number;
}

// What each child runs: time from the process start to a database that has answered a query.
const CHILD = `
const [scenario, cache, project] = process.argv.slice(2);
const { openDatabase } = await import(${JSON.stringify(path.join(root, 'src/db/open.ts'))});
// performance.now() counts from the process start: this is Node's start plus loading kodo, PGlite and pg.
const loaded = performance.now();
const env = { ...process.env, KODO_CACHE_DIR: cache };
const db = await openDatabase(scenario === 'miss' || scenario === 'memory' ? 'memory' : 'embedded', { root: project, env });
await db.query('select 1');
const done = performance.now();
const rssMb = process.memoryUsage().rss / 1e6;
await db.close();
process.stdout.write(JSON.stringify({ loadMs: loaded, openMs: done - loaded, rssMb }));
`;

/** Bundles the child next to node_modules, with PGlite and pg left as packages so they load their own files. */
async function bundleChild(): Promise<string> {
  const dir = path.join(root, '.bench');
  await fs.mkdir(dir, { recursive: true });
  const outfile = path.join(dir, 'db-start-child.mjs');
  await build({
    stdin: { contents: CHILD, resolveDir: root, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    loader: { '.sql': 'text' },
    external: ['@electric-sql/pglite', 'pg'],
  });
  return outfile;
}

function run(child: string, scenario: Scenario, cache: string, project: string): Figures {
  const out = execFileSync(process.execPath, [child, scenario, cache, project], { encoding: 'utf8' });
  return JSON.parse(out) as Figures;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const child = await bundleChild();
// Projects and caches live under .bench/ (git-ignored), on the disk a real project is on: this machine's /tmp
// creates files over ten times slower than its other folders.
const work = await fs.mkdtemp(path.join(root, '.bench', 'db-start-'));
const fresh = (name: string) => fs.mkdtemp(path.join(work, `${name}-`));
try {
  const sharedCache = await fresh('cache');
  const reopenProject = await fresh('project');
  const times: Record<Scenario, Figures[]> = {
    miss: [],
    memory: [],
    'embedded-new': [],
    'embedded-reopen': [],
  };
  // Cache misses take seconds each: fewer of them. The first one fills the shared cache for the others.
  for (let i = 0; i < Math.max(1, Math.ceil(RUNS / 3)); i++) {
    times.miss.push(run(child, 'miss', i === 0 ? sharedCache : await fresh('cache'), await fresh('project')));
  }
  run(child, 'embedded-new', sharedCache, reopenProject);
  for (let i = 0; i < RUNS; i++) {
    times.memory.push(run(child, 'memory', sharedCache, await fresh('project')));
    times['embedded-new'].push(run(child, 'embedded-new', sharedCache, await fresh('project')));
    times['embedded-reopen'].push(run(child, 'embedded-reopen', sharedCache, reopenProject));
  }
  const [load] = os.loadavg();
  const out: string[] = [
    `Database start-up, median of ${RUNS} runs (${os.cpus().length} CPUs, load average ${load?.toFixed(1)}):`,
    `  ${''.padEnd(50)} ${'load code'.padStart(10)} ${'open'.padStart(8)} ${'total'.padStart(8)} ${'RSS'.padStart(7)}`,
  ];
  for (const scenario of Object.keys(LABELS) as Scenario[]) {
    const figures = times[scenario];
    const loadMs = median(figures.map((f) => f.loadMs));
    const openMs = median(figures.map((f) => f.openMs));
    const totalMs = median(figures.map((f) => f.loadMs + f.openMs));
    const rssMb = median(figures.map((f) => f.rssMb));
    const verdict =
      scenario === 'miss'
        ? 'once per PGlite and shim version'
        : totalMs <= TARGET_MS
          ? 'ok'
          : `over ${TARGET_MS} ms`;
    out.push(
      `  ${LABELS[scenario].padEnd(50)} ${loadMs.toFixed(0).padStart(7)} ms ${openMs.toFixed(0).padStart(5)} ms ${totalMs.toFixed(0).padStart(5)} ms ${rssMb.toFixed(0).padStart(4)} MB  ${verdict}`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
