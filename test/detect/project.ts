// Temp-dir projects built from real files for the detection tests, removed after each test.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** Writes `files` (relative path → content) under a fresh temp folder and returns its path. */
export async function makeProject(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-detect-'));
  created.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  return root;
}

export function packageJson(deps: Record<string, string>, devDeps: Record<string, string> = {}): string {
  return JSON.stringify(
    { name: 'svc', version: '1.0.0', dependencies: deps, devDependencies: devDeps },
    null,
    2,
  );
}

/** A `.kodo/config.json` in the seed's format from `{ name: { language, orm, path?, range? } }`. */
export function configJson(
  workspaces: Record<
    string,
    { language: string; orm: string | null; path?: string; range?: [string, string] }
  >,
): string {
  const stack = {
    workspaces: Object.fromEntries(
      Object.entries(workspaces).map(([name, w]) => [
        name,
        {
          language: w.language,
          ...(w.path ? { path: w.path } : {}),
          database: {
            orm: { name: w.orm },
            migrationStrategy: {
              type: 'hybrid',
              ...(w.range ? { serviceRange: { start: w.range[0], end: w.range[1] } } : {}),
            },
          },
        },
      ]),
    ),
  };
  return JSON.stringify({ stack }, null, 2);
}
