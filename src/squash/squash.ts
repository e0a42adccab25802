// `kodo squash [--version V]` / MCP squash_migrations: the migrations up to V become one file — the schema from the
// diff engine's verified dump of the state at V, then the originals' data statements (data-section.ts) — and it is
// written only when proven (prove.ts): same schema, same rows. The originals move to .kodo/squashed/; a database
// that applied them gets its history rewritten only when named with --db and approved, otherwise the result shows
// the `kodo repair` commands it needs.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { openTarget } from '../apply/open-target.js';
import { KodoError } from '../core/errors.js';
import { type Project, projectOf } from '../project/project.js';
import { buildSquashed } from './build.js';
import { replaceWithSquashed } from './files.js';
import { planHistory, repairCommands, rewriteHistory } from './history.js';
import type { SquashResult } from './result.js';
import { selectSquash } from './select.js';

export interface SquashOptions {
  version?: string | undefined;
  dryRun?: boolean | undefined;
  /** A database that applied the originals: its history is rewritten (with approval). */
  db?: string | undefined;
  planId?: string | undefined;
  confirm?: (result: SquashResult) => Promise<boolean>;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
  now?: Date | undefined;
}

export async function runSquash(at: string | Project, opts: SquashOptions = {}): Promise<SquashResult> {
  const project = projectOf(at);
  const env = opts.env ?? process.env;
  const { included, into } = await selectSquash(project, opts.version);
  const built = await buildSquashed(project, included, into, { env, signal: opts.signal });
  const result: SquashResult = {
    ...built,
    squashed: included.map((m) => m.version),
    into: into.file,
    backup: null,
    repair: repairCommands(included, into, opts.db),
    history: null,
    dryRun: opts.dryRun ?? false,
  };
  const text = built.sql;
  if (!result.verified) return result;
  const sha256 = createHash('sha256').update(text).digest('hex');
  const history =
    opts.db === undefined
      ? null
      : await planHistory({ root: project.root, db: opts.db, env }, included, sha256);
  result.history = history && { target: history.target, changed: history.changed, planId: history.planId };
  if (history?.changed && opts.planId !== undefined && opts.planId !== history.planId) {
    throw new KodoError(
      'plan-changed',
      `The migrations or ${history.target} changed since the squash plan was approved; run a new dry run and review it.`,
    );
  }
  if (result.dryRun) return result;
  if (history?.changed && opts.planId === undefined && !(opts.confirm && (await opts.confirm(result)))) {
    if (!opts.confirm) {
      throw new KodoError(
        'approval-required',
        `Squashing rewrites the migration history of ${history.target}; run a dry run, show its plan to the user, and squash with the planId of the plan they approved.`,
      );
    }
    return {
      ...result,
      history: { ...result.history!, changed: false },
      warnings: [...result.warnings, 'not approved: nothing was changed'],
    };
  }
  const replaced = await replaceWithSquashed(project.root, included, into, text, opts.now ?? new Date());
  result.backup = path.relative(project.root, replaced.backup).split(path.sep).join('/');
  if (history?.changed) {
    const db = await openTarget({ root: project.root, db: opts.db, env });
    try {
      await rewriteHistory(db, included, { version: into.version, name: into.name, text, sha256 });
    } catch (e) {
      throw new KodoError(
        'history-not-changed',
        `The files were squashed, but the history of ${history.target} could not be rewritten (${(e as Error).message}); run: ${result.repair.join(' && ')}.`,
      );
    } finally {
      await db.close();
    }
  }
  return result;
}
