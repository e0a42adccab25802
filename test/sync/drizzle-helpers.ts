// What the drizzle reader tests share: a SyncWorkspace for a folder, and journals written as drizzle-kit does.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { SyncWorkspace } from '../../src/sync/types.js';

/** The workspace at `dir` (relative) whose drizzle `out` is `out` (relative to `dir`). */
export function drizzleWorkspace(root: string, dir: string, out: string): SyncWorkspace {
  const migrationsDir = path.posix.join(dir, out);
  return {
    detected: {
      name: 'node-api',
      language: 'typescript',
      orm: 'drizzle',
      migrationTool: 'drizzle-kit',
      migrationsDir,
      range: { start: '00100', end: '00199' },
      source: 'config+filesystem',
      evidence: [],
      path: dir,
      prefix: 'node',
      supported: true,
    },
    tool: 'drizzle-kit',
    root,
    dir: path.join(root, dir),
    migrationsDir: path.join(root, migrationsDir),
  };
}

/** A meta/_journal.json as drizzle-kit 0.31 writes it, for these tags. */
export function journal(tags: string[], dialect = 'postgresql'): string {
  const entries = tags.map((tag, idx) => ({
    idx,
    version: '7',
    when: 1750000000000 + idx,
    tag,
    breakpoints: true,
  }));
  return JSON.stringify({ version: '7', dialect, entries }, null, 2);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
