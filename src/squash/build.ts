// The squashed file and its proof: the replay at V is snapshotted and planned from an empty Supabase database (the
// engine's dump), the originals' data statements follow, and the whole text is proven on a fresh database
// (prove.ts): same schema, same rows. When the statements do not rebuild the same rows on the final schema, the
// rows they left are carried instead.
import { openAppliedState } from '../apply/applied-state.js';
import type { Database } from '../db/database.js';
import type { LoadedMigration } from '../migrations/read.js';
import type { Project } from '../project/project.js';
import { compareSnapshots } from '../schema/compare.js';
import { planDiff, renderPlan } from '../schema/plan/index.js';
import { takeSnapshot } from '../schema/snapshot.js';
import { type DataSection, inUserSchema, rowSection, statementSection } from './data-section.js';
import { rowFingerprints } from './fingerprint.js';
import { type Expected, openProofDatabase, proveSquashed } from './prove.js';
import type { SquashResult } from './result.js';

/** Platform tables the kept calls fill (cron.schedule, vault.create_secret): their rows are not copied. */
const CALL_TABLES = new Set(['cron.job', 'vault.secrets']);

export type Built = Pick<
  SquashResult,
  'sql' | 'data' | 'verified' | 'remaining' | 'kept' | 'skipped' | 'warnings'
>;

export async function buildSquashed(
  project: Project,
  included: LoadedMigration[],
  into: { file: string; version: string; name: string },
  opts: { env: NodeJS.ProcessEnv; signal?: AbortSignal | undefined },
): Promise<Built> {
  const { env } = opts;
  const state = await openAppliedState(project, { upTo: included.length, env, signal: opts.signal });
  try {
    const schema = await takeSnapshot(state.db);
    const warnings =
      schema.unmodeled.length > 0
        ? [`not carried (kodo does not model them yet): ${schema.unmodeled.join(', ')}`]
        : [];
    const statements = await statementSection(included, schema);
    const extra = [...new Set(statements.kept.flatMap((s) => (s.kind === 'call' ? [] : s.targets)))].filter(
      (t) => !inUserSchema(t, schema),
    );
    const expected: Expected = { schema, rows: await rowFingerprints(state.db, extra), extra };
    // Each proof needs a fresh database, and PGlite gives no memory back when one closes: the first one also
    // serves the dump's empty starting point (the same plan `kodo dump` makes), so a squash opens two at most.
    let schemaSql = '';
    const attempt = async (db: Database, data: DataSection, mode: SquashResult['data']) => {
      const text = compose(included, schemaSql, data, mode);
      return { text, data, mode, proof: await proveSquashed(db, { ...into, text }, expected) };
    };
    let tried = await withProofDatabase(env, async (db) => {
      const empty = await takeSnapshot(db);
      const plan = planDiff(empty, schema, compareSnapshots(empty, schema));
      warnings.unshift(...plan.warnings);
      schemaSql = renderPlan(plan, `schema of ${included.length} migrations, as kodo dump writes it`);
      return attempt(db, statements, statements.kept.length > 0 ? 'statements' : 'none');
    });
    if (!tried.proof.verified) {
      const written = [...expected.rows.values()]
        .filter((f) => f.rows > 0 && !f.table.startsWith('sequence ') && !CALL_TABLES.has(f.table))
        .map((f) => f.table);
      const section = await rowSection(state.db, written, statements);
      const rows = await withProofDatabase(env, (db) => attempt(db, section, 'rows'));
      if (rows.proof.verified) {
        warnings.push(
          `the data statements do not rebuild the same rows on the final schema (${tried.proof.remaining.slice(0, 2).join('; ')}); the rows they left are carried instead`,
        );
        tried = rows;
      } else {
        // Neither way proved: say why for both, as either may be the one to fix.
        const why = (label: string, r: string[]) => r.map((x) => `${label}: ${x}`);
        tried.proof.remaining = [
          ...why('with the data statements', tried.proof.remaining),
          ...why('with the rows they left', rows.proof.remaining),
        ];
      }
    }
    return {
      sql: tried.text,
      data: tried.mode,
      verified: tried.proof.verified,
      remaining: tried.proof.remaining,
      kept: tried.data.kept.map((s) => ({ file: s.file, line: s.line, kind: s.kind, targets: s.targets })),
      skipped: tried.data.skipped,
      warnings,
    };
  } finally {
    await state.close();
  }
}

async function withProofDatabase<T>(env: NodeJS.ProcessEnv, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openProofDatabase(env);
  try {
    return await fn(db);
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
