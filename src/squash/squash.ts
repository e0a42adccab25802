// `kodo squash [--version V]` / MCP squash_migrations: the migrations up to V become one file — the schema from the
// diff engine's verified dump of the state at V, then the originals' data statements (data-section.ts) — and it is
// written only when proven (prove.ts): same schema, same rows. The originals move to .kodo/squashed/; a database
// that applied them gets its history rewritten only when named with --db and approved, otherwise the result shows
// the `kodo repair` commands it needs.

import { createHash } from 'node:crypto';
import path from 'node:path';
import { openAppliedState } from '../apply/applied-state.js';
import { embeddedMissing, openTarget } from '../apply/open-target.js';
import { planIdFor } from '../apply/plan-id.js';
import { KodoError } from '../core/errors.js';
import { rebuildOnThrowaway } from '../diff/rebuild.js';
import { remainingOut } from '../diff/result.js';
import type { LoadedMigration } from '../migrations/read.js';
import { type Project, projectOf } from '../project/project.js';
import { takeSnapshot } from '../schema/snapshot.js';
import { type DataSection, inUserSchema, rowSection, statementSection } from './data-section.js';
import { replaceWithSquashed } from './files.js';
import { rowFingerprints } from './fingerprint.js';
import { historyNeedsChange, repairCommands, rewriteHistory } from './history.js';
import { type Expected, proveSquashed } from './prove.js';
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
  const last = included.at(-1)!;
  const state = await openAppliedState(project, { upTo: included.length, env, signal: opts.signal });
  let result: SquashResult;
  let text: string;
  try {
    const schema = await takeSnapshot(state.db);
    const rebuilt = await rebuildOnThrowaway(
      schema,
      `schema of ${last.file} and every migration before it`,
      env,
    );
    await rebuilt.db.close();
    result = {
      squashed: included.map((m) => m.version),
      into: into.file,
      verified: false,
      backup: null,
      repair: repairCommands(included, into, opts.db),
      sql: '',
      data: 'none',
      kept: [],
      skipped: [],
      history: null,
      remaining: remainingOut(rebuilt.verification),
      warnings: [
        ...rebuilt.plan.warnings,
        ...(schema.unmodeled.length > 0
          ? [`not carried (kodo does not model them yet): ${schema.unmodeled.join(', ')}`]
          : []),
      ],
      dryRun: opts.dryRun ?? false,
    };
    if (!rebuilt.verification.verified) return result;
    const statements = await statementSection(included, schema);
    const extra = [...new Set(statements.kept.flatMap((s) => (s.kind === 'call' ? [] : s.targets)))].filter(
      (t) => !inUserSchema(t, schema),
    );
    const expected: Expected = { schema, rows: await rowFingerprints(state.db, extra), extra };
    const squashedFile = { file: into.file, version: into.version, name: into.name };
    const attempt = async (data: DataSection, mode: SquashResult['data']) => {
      const t = compose(included, rebuilt.sql, data, mode);
      return { text: t, data, mode, proof: await proveSquashed({ ...squashedFile, text: t }, expected, env) };
    };
    let tried = await attempt(statements, statements.kept.length > 0 ? 'statements' : 'none');
    if (!tried.proof.verified) {
      const written = [...expected.rows.values()]
        .filter((f) => f.rows > 0 && !f.table.startsWith('sequence '))
        .map((f) => f.table);
      const rows = await attempt(await rowSection(state.db, written, statements), 'rows');
      if (rows.proof.verified) {
        result.warnings.push(
          `the data statements do not rebuild the same rows on the final schema (${tried.proof.remaining.slice(0, 2).join('; ')}); the rows they left are carried instead`,
        );
      }
      tried = rows.proof.verified ? rows : tried;
    }
    text = tried.text;
    Object.assign(result, {
      sql: text,
      data: tried.mode,
      verified: tried.proof.verified,
      remaining: tried.proof.remaining,
      kept: tried.data.kept.map((s) => ({ file: s.file, line: s.line, kind: s.kind, targets: s.targets })),
      skipped: tried.data.skipped,
    });
  } finally {
    await state.close();
  }
  if (!result.verified) return result;
  const sha256 = createHash('sha256').update(text).digest('hex');
  const history = opts.db === undefined ? null : await planHistory(project, included, opts, sha256, env);
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

async function planHistory(
  project: Project,
  included: LoadedMigration[],
  opts: SquashOptions,
  sha256: string,
  env: NodeJS.ProcessEnv,
) {
  if (await embeddedMissing({ root: project.root, db: opts.db, env })) {
    return { target: 'embedded (.kodo/db)', changed: false, planId: '' };
  }
  const db = await openTarget({ root: project.root, db: opts.db, env, dryRun: true });
  try {
    const changed = await historyNeedsChange(db, included);
    const planId = planIdFor(`squash ${db.label}`, [
      ...included,
      { version: included.at(-1)!.version, sha256 },
    ]);
    return { target: db.label, changed, planId };
  } finally {
    await db.close();
  }
}

function compose(
  included: LoadedMigration[],
  schemaSql: string,
  data: DataSection,
  mode: SquashResult['data'],
): string {
  const first = included[0]!.version;
  const last = included.at(-1)!.version;
  const head = [
    `-- kodo squash: the ${included.length} migrations ${first} … ${last} in one file, proven on throwaway databases to build the same schema and rows.`,
    `-- The originals are kept in .kodo/squashed/; kodo status and the Supabase CLI read only this file.`,
  ].join('\n');
  const tail =
    mode === 'none'
      ? ''
      : mode === 'statements'
        ? `\n-- The data statements of the original migrations, in their order.\n${data.sql}\n`
        : `\n-- The rows the original migrations left in their tables, then their calls into the platform.\n${data.sql}\n`;
  return `${head}\n\n${schemaSql.trimEnd()}\n${tail}`;
}
