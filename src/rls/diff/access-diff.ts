// `kodo rls diff`: the isolation matrix before and after the given migrations, cell by cell, each change named
// with the file that made it. The state before is replayed (through the prefix cache); then the files are
// applied one at a time, and the matrix runs again only after a file that changed what access depends on
// (policies, RLS flags, grants, columns, functions: one fingerprint query), so each change has exactly one file.
import { applyNext, openAppliedState } from '../../apply/applied-state.js';
import type { Project } from '../../project/project.js';
import { type MatrixCell, type MatrixResult, runMatrix } from '../matrix/run.js';
import { accessFingerprint } from './fingerprint.js';
import { cellText, changeSentence } from './words.js';

export interface AccessChange {
  file: string;
  table: string;
  persona: string;
  operation: string;
  before: string;
  after: string;
  /** The policy that allows the new access (null when access narrowed, or none is named). */
  policy: string | null;
  /** True when the change opens a leak. */
  leak: boolean;
  /** For a leak: the later file in the same diff that closed it again (a table created in an even-numbered
   *  schema file, its RLS enabled by the next, odd one), else null. Only leaks still open fail the diff. */
  closedBy: string | null;
  message: string;
}

export interface AccessDiff {
  /** The version the diff starts after (null: from an empty database). */
  since: string | null;
  files: string[];
  changes: AccessChange[];
  /** The leaks opened by these files and still open after the last one. */
  open: AccessChange[];
  target: string;
}

export interface DiffOptions {
  /** Compare the state after this version with the state after every later file. */
  sinceIndex: number;
  since: string | null;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
}

export async function accessDiff(project: Project, opts: DiffOptions): Promise<AccessDiff> {
  const migrations = project.migrations();
  const later = migrations.slice(opts.sinceIndex);
  const state = await openAppliedState(project, {
    upTo: opts.sinceIndex,
    env: opts.env,
    signal: opts.signal,
  });
  const schemas = project.apiSchemas();
  const out: AccessDiff = {
    since: opts.since,
    files: later.map((m) => m.file),
    changes: [],
    open: [],
    target: state.target,
  };
  try {
    let before = await runMatrix(state.db, { schemas });
    let print = await accessFingerprint(state.db, schemas);
    for (const migration of later) {
      await applyNext(state, migration);
      const next = await accessFingerprint(state.db, schemas);
      if (next === print) continue;
      print = next;
      const after = await runMatrix(state.db, { schemas });
      out.changes.push(...compare(migration.file, before, after));
      before = after;
    }
  } finally {
    await state.close();
  }
  markClosed(out.changes);
  out.open = out.changes.filter((c) => c.leak && c.closedBy === null);
  return out;
}

/** A leak a later change of the same cell took back is transient: it says which file closed it. */
function markClosed(changes: AccessChange[]): void {
  changes.forEach((c, i) => {
    if (!c.leak) return;
    const later = changes
      .slice(i + 1)
      .filter((d) => d.table === c.table && d.persona === c.persona && d.operation === c.operation);
    const last = later[later.length - 1];
    if (last && !last.leak) c.closedBy = last.file;
  });
}

/** Every cell whose reach differs between two matrices (tables that appear or disappear included). */
export function compare(file: string, before: MatrixResult, after: MatrixResult): AccessChange[] {
  const old = cellsByKey(before);
  const now = cellsByKey(after);
  const keys = [...new Set([...old.keys(), ...now.keys()])];
  const changes: AccessChange[] = [];
  for (const key of keys) {
    const a = old.get(key);
    const b = now.get(key);
    const was = cellText(a, before, key);
    const is = cellText(b, after, key);
    if (was === is) continue;
    const [table, persona, operation] = key.split('|') as [string, string, string];
    const change = {
      file,
      table,
      persona,
      operation,
      before: was,
      after: is,
      policy: b?.others ? b.policy : null,
    };
    changes.push({
      ...change,
      leak: Boolean(b?.leak) || rlsLeak(after, table),
      closedBy: null,
      message: changeSentence(change),
    });
  }
  return changes;
}

function cellsByKey(m: MatrixResult): Map<string, MatrixCell | undefined> {
  const map = new Map<string, MatrixCell | undefined>();
  for (const c of m.cells) map.set(`${c.table}|${c.persona}|${c.operation}`, c);
  // A table exposed with RLS off has no probed cells: each of its cells reads "every row".
  for (const l of m.leaks.filter((l) => l.operation === 'all')) {
    for (const persona of ['authenticated', 'anon']) {
      for (const op of ['select', 'insert', 'update', 'delete'])
        map.set(`${l.table}|${persona}|${op}`, undefined);
    }
  }
  return map;
}

function rlsLeak(m: MatrixResult, table: string): boolean {
  return m.leaks.some((l) => l.table === table && l.operation === 'all');
}
