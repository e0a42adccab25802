// Which Pythons may run Alembic, best first: the project's virtualenv when it has one, then every python3 on PATH.
// run.ts tries them in turn, so the error can say exactly what to install when none has Alembic.
import fs from 'node:fs';
import path from 'node:path';
import { KodoError } from '../../core/errors.js';
import type { SyncWorkspace } from '../types.js';

const INSTALL =
  'Debian: apt-get install python3-alembic python3-sqlalchemy; pip: pip install alembic sqlalchemy';

/** Virtualenv interpreters, POSIX and Windows layouts. */
const VENV_PYTHONS = [
  '.venv/bin/python',
  'venv/bin/python',
  '.venv/Scripts/python.exe',
  'venv/Scripts/python.exe',
];

/** Absolute interpreter paths; throws the install sentence when there is none at all. */
export function pythonCandidates(ws: SyncWorkspace, env: NodeJS.ProcessEnv): string[] {
  const venvs = [...new Set([ws.dir, ws.root])].flatMap((d) => VENV_PYTHONS.map((p) => path.join(d, p)));
  const candidates = [...new Set([...venvs.filter(isExecutable), ...onPath(env)])];
  if (candidates.length === 0) {
    throw new KodoError(
      'python-missing',
      `python3 is not on PATH: install Python 3 and Alembic (${INSTALL}).`,
    );
  }
  return candidates;
}

/** Every candidate was tried and none could import alembic (or sqlalchemy). */
export function alembicMissing(ws: SyncWorkspace, tried: string[]): KodoError {
  const shown = tried.map((f) =>
    path.relative(ws.root, f).startsWith('..') ? f : path.relative(ws.root, f),
  );
  return new KodoError(
    'alembic-missing',
    `Alembic is not installed for ${shown.join(' or ')}: install Alembic and SQLAlchemy for it (${INSTALL}), or into the project's .venv.`,
  );
}

/** Every python3 along PATH, in PATH order, each real file once (pyenv shims and /usr/bin/python3 both count). */
function onPath(env: NodeJS.ProcessEnv): string[] {
  const names = process.platform === 'win32' ? ['python3.exe', 'python.exe'] : ['python3'];
  const dirs = (env['PATH'] ?? env['Path'] ?? '').split(path.delimiter).filter((d) => d !== '');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of dirs) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (!isExecutable(file)) continue;
      const real = fs.realpathSync(file);
      if (seen.has(real)) continue;
      seen.add(real);
      out.push(file);
    }
  }
  return out;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
