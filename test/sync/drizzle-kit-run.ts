// Runs the real drizzle-kit (0.x and 1.0, installed side by side under npm aliases) in a throwaway project.
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

export type KitLine = '0.x' | '1.0';

/**
 * Each drizzle-kit needs its own drizzle-orm (0.x checks the ORM's compatibility version, 1.0 has it as a peer),
 * and npm cannot hoist two packages named drizzle-orm: so package.json installs both pairs under aliases, and
 * each run gets a project whose node_modules/drizzle-kit and node_modules/drizzle-orm link to one pair.
 */
const PACKAGES: Record<KitLine, { kit: string; orm: string }> = {
  '0.x': { kit: 'drizzle-kit-0', orm: 'drizzle-orm-0' },
  '1.0': { kit: 'drizzle-kit-1', orm: 'drizzle-orm-1' },
};

const modules = path.join(REPO_ROOT, 'node_modules');

/** The aliases that are not installed (empty when both drizzle-kits can run). */
export const missingKits: string[] = Object.values(PACKAGES)
  .flatMap((p) => [p.kit, p.orm])
  .filter((name) => !fs.existsSync(path.join(modules, name, 'package.json')));

export function kitVersion(line: KitLine): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(modules, PACKAGES[line].kit, 'package.json'), 'utf8'));
  return (pkg as { version: string }).version;
}

const projects: string[] = [];
afterAll(() => {
  for (const dir of projects.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A project folder for one drizzle-kit line. It lives under the repository's node_modules/.cache so that the
 * kit's own dependencies (hoisted to the repository's node_modules) resolve from it.
 */
export function kitProject(line: KitLine): string {
  const cache = path.join(modules, '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const root = fs.mkdtempSync(path.join(cache, 'kodo-drizzle-'));
  projects.push(root);
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.symlinkSync(path.join(modules, PACKAGES[line].kit), path.join(root, 'node_modules', 'drizzle-kit'));
  fs.symlinkSync(path.join(modules, PACKAGES[line].orm), path.join(root, 'node_modules', 'drizzle-orm'));
  return root;
}

/** `drizzle-kit generate --name=<name>` in `cwd` (a folder of the project holding drizzle.config.ts). */
export async function generate(root: string, cwd: string, name: string): Promise<string> {
  const bin = path.join(root, 'node_modules', 'drizzle-kit', 'bin.cjs');
  const run = await execa('node', [bin, 'generate', `--name=${name}`], {
    cwd,
    // Symlinks kept: resolved, they would lead the kit back to the repository's node_modules, where there is
    // no drizzle-orm. Set in NODE_OPTIONS so the kit's loader threads get it too.
    env: { NODE_OPTIONS: '--preserve-symlinks --preserve-symlinks-main' },
    reject: false,
    all: true,
    timeout: 30_000,
  });
  if (run.exitCode !== 0) {
    throw new Error(`drizzle-kit generate failed (exit ${run.exitCode}):\n${run.all}`);
  }
  return run.all ?? '';
}
