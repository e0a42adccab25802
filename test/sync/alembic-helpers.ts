// What the Alembic reader tests share: fixture projects copied to a temp root, a SyncWorkspace for them, and
// whether a real Alembic can run here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { pythonCandidates } from '../../src/sync/alembic/python.js';
import type { SyncWorkspace } from '../../src/sync/types.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A copy of test/sync/fixtures/<name> in a fresh temp folder: Alembic runs there, never in the repository. */
export function copyFixture(name: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kodo-alembic-'));
  fs.cpSync(path.join(FIXTURES, name), root, { recursive: true });
  return root;
}

/** The workspace at `dir` (relative to root) whose revisions live in `versions` (relative to root). */
export function alembicWorkspace(root: string, dir: string, versions: string): SyncWorkspace {
  return {
    detected: {
      name: path.posix.basename(dir),
      language: 'python',
      orm: 'sqlalchemy',
      migrationTool: 'alembic',
      migrationsDir: versions,
      range: { start: '00200', end: '00299' },
      source: 'config+filesystem',
      evidence: [],
      path: dir,
      prefix: 'python',
      supported: true,
    },
    tool: 'alembic',
    root,
    dir: path.join(root, dir),
    migrationsDir: path.join(root, versions),
  };
}

/** The first Python kodo would try that has Alembic, with its versions; null (and why) when none has. */
export async function realAlembic(): Promise<{ versions: string | null; python: string; why: string }> {
  const ws = alembicWorkspace(os.tmpdir(), 'none', 'none/versions');
  let candidates: string[];
  try {
    candidates = pythonCandidates(ws, process.env);
  } catch (e) {
    return { versions: null, python: '', why: (e as Error).message };
  }
  for (const python of candidates) {
    const probe = await execa(python, ['-c', PROBE], { reject: false, stdin: 'ignore' });
    if (probe.exitCode === 0) return { versions: `${probe.stdout.trim()} (${python})`, python, why: '' };
  }
  return {
    versions: null,
    python: '',
    why: `none of ${candidates.join(', ')} can import alembic and sqlalchemy`,
  };
}

const PROBE =
  "import alembic, sqlalchemy; print('alembic', alembic.__version__, 'SQLAlchemy', sqlalchemy.__version__)";
