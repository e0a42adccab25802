// Runs the built CLI (dist/kodo.js) as a separate process, the way people and CI run it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundle under test: dist/kodo.js, or KODO_TEST_BIN (a bundle built elsewhere with KODO_BUILD_OUT). */
export const KODO_BIN = process.env['KODO_TEST_BIN']
  ? path.resolve(process.env['KODO_TEST_BIN'])
  : path.join(REPO_ROOT, 'dist', 'kodo.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runKodo(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  // The test process's own KODO_* settings must not leak into the CLI under test.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('KODO_') && k !== 'CLAUDE_PROJECT_DIR'),
  );
  const result = await execa(process.execPath, [KODO_BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    // The check cache is off unless a test turns it on: a state cached by another test (or an earlier run on this
    // machine) would change what a test sees (progress lines, `cached`), though never a result.
    env: { ...env, KODO_CHECK_CACHE_MB: '0', ...opts.env },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
  });
  return { code: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command with --json and parses stdout. */
export async function runKodoJson<T = Record<string, unknown>>(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; json: T; stderr: string }> {
  const run = await runKodo([...args, '--json'], opts);
  let json: T;
  try {
    json = JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(
      `kodo ${args.join(' ')} --json printed no JSON (exit ${run.code}).\nstdout: ${run.stdout}\nstderr: ${run.stderr}`,
    );
  }
  return { code: run.code, json, stderr: run.stderr };
}
