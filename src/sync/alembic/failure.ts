// A failed `alembic upgrade --sql` turned into one sentence: which revision file (or env.py), why, and what to do.
import fs from 'node:fs';
import path from 'node:path';
import { KodoError } from '../../core/errors.js';
import type { SyncWorkspace } from '../types.js';
import type { AlembicRevision } from './revision-file.js';

export interface RunOutput {
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** `Alembic 1.8.1 and SQLAlchemy 1.4.46` when they imported (the run printed its versions line). */
  versions: string | null;
}

/** Calls that need rows back from the database, which offline mode has none of. */
const READS_ROWS =
  /get_bind\(|\.fetch(?:all|one|many)\(|\.scalars?\(|\.scalar_one|\.first\(\)|\.one\(\)|\.all\(\)/;

/** The project uses an API this Alembic or SQLAlchemy does not have (`sa.Uuid` on SQLAlchemy 1.4). */
const TOO_OLD =
  /cannot import name '\w+' from '(?:sqlalchemy|alembic)[\w.]*'|module '(?:sqlalchemy|alembic)[\w.]*' has no attribute/;

const FRAME = /^\s*File "(.+)", line (\d+), in /;
const MARKER = /^-- Running upgrade .* -> (\S+)$/gm;

export function runFailure(ws: SyncWorkspace, revisions: AlembicRevision[], out: RunOutput): KodoError {
  const nothing = `nothing of workspace ${ws.detected.name} was synced`;
  const where = path.relative(ws.root, ws.dir).split(path.sep).join('/') || '.';
  if (out.timedOut) {
    return new KodoError(
      'alembic-timeout',
      `alembic upgrade heads --sql did not finish within a minute in ${where}, so ${nothing}; make env.py run offline without waiting for a database or input, then sync again.`,
    );
  }
  const cause = lastLine(out.stderr) ?? 'it exited with an error and printed nothing';
  const failed = failingRevision(revisions, out);
  if (failed) {
    const text = fs.readFileSync(failed.revision.file, 'utf8');
    const hint =
      tooOld(cause, out) ??
      (READS_ROWS.test(text)
        ? 'it reads rows through the connection (op.get_bind()), which `alembic upgrade --sql` cannot do; move that data step out of the migration, or write it as SQL with op.execute(), and sync again'
        : 'make it run with `alembic upgrade --sql`, where no database is connected, and sync again');
    const line = failed.line === null ? '' : `line ${failed.line}: `;
    return new KodoError(
      'alembic-offline-failed',
      `${failed.revision.source} cannot run in Alembic's offline mode (${line}${cause}), so ${nothing}: ${hint}.`,
    );
  }
  const hint =
    tooOld(cause, out) ??
    (/ModuleNotFoundError|ImportError/.test(cause)
      ? "env.py imports modules this Python does not have; install the project's dependencies (or a .venv with them) and sync again"
      : 'make env.py work in offline mode (kodo sets DATABASE_URL, SQLALCHEMY_DATABASE_URL and SQLALCHEMY_DATABASE_URI to a dummy postgresql:// URL when they are unset) and sync again');
  return new KodoError(
    'alembic-offline-failed',
    `alembic upgrade heads --sql failed in ${where} before any revision ran (${cause}), so ${nothing}: ${hint}.`,
  );
}

function tooOld(cause: string, out: RunOutput): string | null {
  if (!TOO_OLD.test(cause)) return null;
  return `the project needs a newer release than ${out.versions ?? 'the installed Alembic and SQLAlchemy'}; install the project's own dependencies into its .venv (kodo runs .venv/bin/python first) and sync again`;
}

/** The revision file deepest in the traceback, else the step Alembic had announced last on stdout. */
function failingRevision(
  revisions: AlembicRevision[],
  out: RunOutput,
): { revision: AlembicRevision; line: number | null } | null {
  const byFile = new Map(revisions.map((r) => [path.resolve(r.file), r]));
  let found: { revision: AlembicRevision; line: number | null } | null = null;
  for (const line of out.stderr.split('\n')) {
    const frame = FRAME.exec(line);
    const revision = frame ? byFile.get(path.resolve(frame[1]!)) : undefined;
    if (revision) found = { revision, line: Number(frame![2]) };
  }
  if (found) return found;
  const announced = [...out.stdout.matchAll(MARKER)].at(-1)?.[1];
  const revision = revisions.find((r) => r.id === announced);
  return revision ? { revision, line: null } : null;
}

function lastLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^\^+$/.test(l))
    .at(-1);
}
