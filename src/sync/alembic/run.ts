// Runs `alembic upgrade heads --sql` (offline mode: nothing connects) for a workspace and returns its stdout.
//
// One run from base to every head, rather than one `<down>:<rev>` run per revision: a run from base emits each
// revision of the graph exactly once, merges included (`-- Running upgrade b, c -> d`), with one Python start-up
// instead of one per revision, and without the offline range rules Alembic applies to a start point on another
// branch. The per-revision SQL is then cut out of it (offline-sql.ts). The drawback, that one revision which cannot
// run offline stops the whole run, is what sync wants anyway: nothing of the workspace is synced then.
import { execa } from 'execa';
import type { ReadOptions, SyncWorkspace } from '../types.js';
import type { AlembicConfig } from './config.js';
import { runFailure } from './failure.js';
import { alembicMissing, pythonCandidates } from './python.js';
import type { AlembicRevision } from './revision-file.js';

/** Python and Alembic start in about a second; a minute means env.py is waiting on something. */
export const ALEMBIC_TIMEOUT_MS = 60_000;

/**
 * Set to a dummy PostgreSQL URL when the environment does not already hold them: env.py files commonly read one of
 * these, and offline mode only needs the dialect from it, never connects.
 */
export const DUMMY_URL_VARIABLES = ['DATABASE_URL', 'SQLALCHEMY_DATABASE_URL', 'SQLALCHEMY_DATABASE_URI'];
export const DUMMY_URL = 'postgresql://kodo:kodo@localhost:5432/kodo_offline';

/**
 * `python -m alembic` with one line first on stderr: the versions, which also prove Alembic imported, so a
 * ModuleNotFoundError after it is the project's (env.py), before it this Python's. Saves a separate probe process.
 * `alembic.config.main` is what `python -m alembic` (alembic/__main__.py) calls.
 */
const ALEMBIC_MAIN = [
  'import sys, alembic, sqlalchemy',
  "sys.stderr.write('kodo: alembic %s sqlalchemy %s\\n' % (alembic.__version__, sqlalchemy.__version__))",
  'from alembic.config import main',
  "main(argv=sys.argv[1:], prog='alembic')",
].join('\n');

const VERSIONS = /^kodo: alembic (\S+) sqlalchemy (\S+)$/m;

export interface OfflineRun {
  stdout: string;
  /** The interpreter that ran it. */
  python: string;
  alembicVersion: string;
  sqlalchemyVersion: string;
}

export function alembicEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of DUMMY_URL_VARIABLES) if (!env[name]) env[name] = DUMMY_URL;
  // kodo only reads the project: no __pycache__ left in the user's versions folder.
  env['PYTHONDONTWRITEBYTECODE'] = '1';
  return env;
}

export async function runOffline(
  ws: SyncWorkspace,
  config: AlembicConfig,
  revisions: AlembicRevision[],
  opts: ReadOptions,
): Promise<OfflineRun> {
  const env = alembicEnv(opts.env ?? process.env);
  const args = ['-c', ALEMBIC_MAIN, ...(config.ini ? ['-c', config.ini] : []), 'upgrade', 'heads', '--sql'];
  const candidates = pythonCandidates(ws, env);
  for (const python of candidates) {
    const result = await execa(python, args, {
      cwd: config.cwd,
      env,
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      stripFinalNewline: false,
      timeout: ALEMBIC_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
      ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    });
    // Cancelled: the caller's reason, as the sync core's own throwIfAborted gives it.
    if (result.isCanceled) opts.signal?.throwIfAborted();
    const stderr = String(result.stderr ?? '');
    const versions = VERSIONS.exec(stderr);
    // No versions line: this Python could not import Alembic or SQLAlchemy (or did not start); the next one may
    // (a pyenv shim comes before /usr/bin/python3, where Debian installs python3-alembic).
    if (!versions && !result.timedOut) continue;
    if (versions && result.exitCode === 0 && !result.timedOut) {
      return {
        stdout: String(result.stdout),
        python,
        alembicVersion: versions[1]!,
        sqlalchemyVersion: versions[2]!,
      };
    }
    throw runFailure(ws, revisions, {
      stdout: String(result.stdout ?? ''),
      stderr,
      timedOut: result.timedOut,
      versions: versions ? `Alembic ${versions[1]} and SQLAlchemy ${versions[2]}` : null,
    });
  }
  throw alembicMissing(ws, candidates);
}
