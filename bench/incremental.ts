// `npm run bench:incremental`: `kodo check` on a generated 1,000-file folder, cold and after one migration is added
// or the newest one edited (issue 9's target: ≤ 1 s wall for the incremental check).
//
// Every measurement is a whole `node dist/kodo.js check --json` process, as an agent's or a person's check is. The
// cold check runs with --no-cache; the incremental ones start from the states the previous check cached (in a
// private KODO_CHECK_CACHE_DIR). Last, an agent's loop: one MCP server, `check_migrations` after each edit of the
// newest file. Run `npm run build` first (or set KODO_BENCH_BIN); KODO_BENCH_RUNS sets the number of runs (default 5).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { generatedMigration, generatedMigrationName } from './lint-corpus.js';

const FILES = 1000;
const RUNS = Number(process.env['KODO_BENCH_RUNS'] ?? 5);
const TARGET_MS = 1000;
const REPO = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** The CLI under test: dist/kodo.js, or KODO_BENCH_BIN (a bundle built elsewhere with KODO_BUILD_OUT). */
const BIN = path.resolve(process.env['KODO_BENCH_BIN'] ?? path.join(REPO, 'dist', 'kodo.js'));

interface Run {
  wallMs: number;
  rssMb: number;
  cached: number;
  applied: number;
}

function check(root: string, cacheDir: string, extra: string[] = []): Run {
  const t0 = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', 'maxrss %M', process.execPath, BIN, 'check', '--json', ...extra],
    { cwd: root, encoding: 'utf8', env: { ...process.env, KODO_CHECK_CACHE_DIR: cacheDir } },
  );
  const wallMs = performance.now() - t0;
  const kb = /maxrss (\d+)/.exec(run.stderr)?.[1];
  const result = JSON.parse(run.stdout || '{}') as { applied?: number; cached?: number; failure?: unknown };
  if (result.failure || result.applied === undefined || !kb)
    throw new Error(`kodo check failed: ${JSON.stringify(result.failure) ?? run.stderr.slice(-400)}`);
  return { wallMs, rssMb: Number(kb) / 1024, cached: result.cached ?? 0, applied: result.applied };
}

/**
 * The agent's loop: one MCP server, `check_migrations` after each edit of the newest migration. The first call
 * replays everything (and warms the server); the figures are the calls after an edit.
 */
async function viaMcp(root: string, cacheDir: string, file: string): Promise<number[]> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp'],
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', KODO_CHECK_CACHE_DIR: cacheDir },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(transport);
  const times: number[] = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      if (i > 0) await fs.appendFile(file, `\n-- agent edit ${i}\n`);
      const t0 = performance.now();
      const result = await client.callTool({ name: 'check_migrations', arguments: {} }, undefined, {
        timeout: 600_000,
      });
      const { applied } = result.structuredContent as { applied: number };
      if (applied === 0) throw new Error('check_migrations applied nothing');
      if (i > 0) times.push(performance.now() - t0);
    }
  } finally {
    await client.close();
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  await fs.mkdir(path.join(REPO, '.bench'), { recursive: true });
  const root = await fs.mkdtemp(path.join(REPO, '.bench', 'incremental-'));
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-bench-cache-'));
  const dir = path.join(root, 'supabase', 'migrations');
  await fs.mkdir(dir, { recursive: true });
  try {
    for (let n = 0; n < FILES; n++)
      await fs.writeFile(path.join(dir, generatedMigrationName(n)), generatedMigration(n));
    const cold: Run[] = [];
    const added: Run[] = [];
    const edited: Run[] = [];
    // Fills the cache for the folder as it is.
    check(root, cacheDir);
    for (let i = 0; i < RUNS; i++) {
      cold.push(check(root, cacheDir, ['--no-cache']));
      const n = FILES + i;
      await fs.writeFile(path.join(dir, generatedMigrationName(n)), generatedMigration(n));
      added.push(check(root, cacheDir));
      await fs.appendFile(path.join(dir, generatedMigrationName(n)), `\n-- edited ${i}\n`);
      edited.push(check(root, cacheDir));
      const last = (runs: Run[]) => runs[runs.length - 1]!;
      process.stderr.write(
        `run ${i + 1}/${RUNS}: cold ${last(cold).wallMs.toFixed(0)} ms; one added ${last(added).wallMs.toFixed(0)} ms (${last(added).cached} of ${last(added).applied} from the cache); newest edited ${last(edited).wallMs.toFixed(0)} ms (${last(edited).cached} cached)\n`,
      );
    }
    const row = (label: string, runs: Run[], target?: number) => {
      const ms = median(runs.map((r) => r.wallMs));
      const rss = median(runs.map((r) => r.rssMb));
      const verdict =
        target === undefined
          ? ''
          : `   target <= ${target} ms: ${(ms / target).toFixed(2)}x ${ms <= target ? 'ok' : 'OVER'}`;
      return `  ${label.padEnd(34)} ${`${(ms / 1000).toFixed(2)} s`.padStart(8)}  peak RSS ${rss.toFixed(0)} MB${verdict}`;
    };
    console.log(
      `kodo bench:incremental: kodo check on ${FILES} generated migrations, medians of ${RUNS} runs`,
    );
    console.log(row('cold (--no-cache)', cold));
    console.log(row('after adding one migration', added, TARGET_MS));
    console.log(row('after editing the newest migration', edited, TARGET_MS));
    const ratio = median(cold.map((r) => r.wallMs)) / median(added.map((r) => r.wallMs));
    console.log(`  incremental is ${ratio.toFixed(1)}x faster than cold`);
    const newest = path.join(dir, generatedMigrationName(FILES + RUNS - 1));
    const mcp = median(await viaMcp(root, cacheDir, newest));
    console.log(
      `  MCP check_migrations after an edit (warm server)  ${(mcp / 1000).toFixed(2)} s   target <= ${TARGET_MS} ms: ${(mcp / TARGET_MS).toFixed(2)}x ${mcp <= TARGET_MS ? 'ok' : 'OVER'}`,
    );
  } finally {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(cacheDir, { recursive: true, force: true });
  }
}

await main();
