// `npm run bench:lint`: kodo lint against squawk on 1,000 generated, realistic migration files.
//
// Both run as whole processes on the same files (JSON output), several runs each, alternating; prints the medians
// and the ratio kodo/squawk (issue 4's target: ≤ 0.8 while running more rules). Builds dist/ first unless
// KODO_BENCH_NO_BUILD=1; KODO_BENCH_RUNS sets the number of runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedMigration, generatedMigrationName } from './lint-corpus.js';

const FILES = 1000;
const RUNS = Number(process.env['KODO_BENCH_RUNS'] ?? 5);
const TARGET = 0.8;
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

async function generate(): Promise<{ dir: string; files: string[] }> {
  const project = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-bench-lint-'));
  const dir = path.join(project, 'supabase', 'migrations');
  await fs.mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let n = 0; n < FILES; n++) {
    const file = path.join(dir, generatedMigrationName(n));
    await fs.writeFile(file, generatedMigration(n));
    files.push(file);
  }
  return { dir, files };
}

/** CPU time (user + system) of this process's finished children, in ms; Linux only (0 elsewhere). */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // cutime and cstime are fields 16 and 17 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

function time(cmd: string, args: string[], cwd: string): { ms: number; cpuMs: number; stdout: string } {
  const start = process.hrtime.bigint();
  const cpu = childrenCpuMs();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuMs = childrenCpuMs() - cpu;
  // Both tools exit 1 when they find something; anything else is a failure of the benchmark.
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return { ms, cpuMs, stdout: r.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  if (process.env['KODO_BENCH_NO_BUILD'] !== '1')
    execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const { dir, files } = await generate();
  const project = path.dirname(path.dirname(dir));
  const kodo = ['node', [path.join(root, 'dist/kodo.js'), 'lint', dir, '--format', 'json']] as const;
  const squawk = [path.join(root, 'node_modules/.bin/squawk'), ['--reporter', 'json', ...files]] as const;
  // Context for the ratio: a Node process that does nothing, and one that only parses the files with libpg-query
  // (as kodo does: WASM compiled baseline-only), the floor any Node linter on this parser starts from.
  const listFile = path.join(project, 'files.json');
  await fs.writeFile(listFile, JSON.stringify(files));
  const parseOnly = `
    import fs from 'node:fs'; import v8 from 'node:v8';
    v8.setFlagsFromString('--liftoff-only');
    const lib = await import(${JSON.stringify(path.join(root, 'node_modules/libpg-query/wasm/index.js'))});
    await lib.loadModule();
    let n = 0;
    for (const f of JSON.parse(fs.readFileSync(${JSON.stringify(listFile)}, 'utf8'))) n += lib.parseSync(fs.readFileSync(f, 'utf8')).stmts.length;
    console.log(n);`;
  const nodeMs: number[] = [];
  const parseMs: number[] = [];
  const kodoMs: number[] = [];
  const squawkMs: number[] = [];
  const kodoCpu: number[] = [];
  const squawkCpu: number[] = [];
  let kodoFindings = 0;
  let squawkFindings = 0;
  for (let i = 0; i < RUNS; i++) {
    const k = time(kodo[0], [...kodo[1]], project);
    const s = time(squawk[0], [...squawk[1]], project);
    nodeMs.push(time('node', ['-e', ''], project).ms);
    parseMs.push(time('node', ['--input-type=module', '-e', parseOnly], project).ms);
    kodoMs.push(k.ms);
    squawkMs.push(s.ms);
    kodoCpu.push(k.cpuMs);
    squawkCpu.push(s.cpuMs);
    kodoFindings = (JSON.parse(k.stdout) as { findings: unknown[] }).findings.length;
    squawkFindings = (JSON.parse(s.stdout || '[]') as unknown[]).length;
  }
  const [k, s] = [median(kodoMs), median(squawkMs)];
  const ratio = k / s;
  const statements = files.length;
  console.log(`kodo lint vs squawk on ${statements} migration files, ${RUNS} runs each (medians):`);
  const [kc, sc] = [median(kodoCpu), median(squawkCpu)];
  console.log(
    `  kodo   ${k.toFixed(0).padStart(6)} ms wall, ${kc.toFixed(0).padStart(6)} ms CPU  (${kodoFindings} findings)`,
  );
  console.log(
    `  squawk ${s.toFixed(0).padStart(6)} ms wall, ${sc.toFixed(0).padStart(6)} ms CPU  (${squawkFindings} findings)`,
  );
  const [nodeFloor, parseFloor] = [median(nodeMs), median(parseMs)];
  console.log(
    `  node -e '' ${nodeFloor.toFixed(0).padStart(4)} ms wall; parse-only process (libpg-query) ${parseFloor.toFixed(0)} ms wall, ${(parseFloor / s).toFixed(2)} of squawk`,
  );
  console.log(
    `  ratio kodo/squawk ${ratio.toFixed(2)} wall (target ≤ ${TARGET}) ${ratio <= TARGET ? 'met' : 'MISSED'}`,
  );
  if (sc > 0) console.log(`  ratio kodo/squawk ${(kc / sc).toFixed(2)} CPU`);
  // KODO_BENCH_KEEP=1 keeps the corpus for profiling (`node --cpu-prof dist/kodo.js lint <dir>`).
  if (process.env['KODO_BENCH_KEEP'] === '1') console.log(`  corpus kept in ${dir}`);
  else await fs.rm(project, { recursive: true, force: true });
}

await main();
