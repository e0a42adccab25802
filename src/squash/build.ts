// The squashed file and its proof: the replay at V is snapshotted and rebuilt from nothing (the engine's verified
// dump), the originals' data statements follow, and the whole text is proven on a fresh database (prove.ts). When
// the statements do not rebuild the same rows on the final schema, the rows they left are carried instead.
import { openAppliedState } from '../apply/applied-state.js';
import { rebuildOnThrowaway } from '../diff/rebuild.js';
import { remainingOut } from '../diff/result.js';
import type { LoadedMigration } from '../migrations/read.js';
import type { Project } from '../project/project.js';
import { takeSnapshot } from '../schema/snapshot.js';
import { type DataSection, inUserSchema, rowSection, statementSection } from './data-section.js';
import { rowFingerprints } from './fingerprint.js';
import { type Expected, proveSquashed } from './prove.js';
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
    const rebuilt = await rebuildOnThrowaway(schema, `schema of ${included.length} migrations`, env);
    await rebuilt.db.close();
    const warnings = [
      ...rebuilt.plan.warnings,
      ...(schema.unmodeled.length > 0
        ? [`not carried (kodo does not model them yet): ${schema.unmodeled.join(', ')}`]
        : []),
    ];
    if (!rebuilt.verification.verified) {
      const remaining = remainingOut(rebuilt.verification);
      return { sql: '', data: 'none', verified: false, remaining, kept: [], skipped: [], warnings };
    }
    const statements = await statementSection(included, schema);
    const extra = [...new Set(statements.kept.flatMap((s) => (s.kind === 'call' ? [] : s.targets)))].filter(
      (t) => !inUserSchema(t, schema),
    );
    const expected: Expected = { schema, rows: await rowFingerprints(state.db, extra), extra };
    const attempt = async (data: DataSection, mode: SquashResult['data']) => {
      const text = compose(included, rebuilt.sql, data, mode);
      return { text, data, mode, proof: await proveSquashed({ ...into, text }, expected, env) };
    };
    let tried = await attempt(statements, statements.kept.length > 0 ? 'statements' : 'none');
    if (!tried.proof.verified) {
      const written = [...expected.rows.values()]
        .filter((f) => f.rows > 0 && !f.table.startsWith('sequence ') && !CALL_TABLES.has(f.table))
        .map((f) => f.table);
      const rows = await attempt(await rowSection(state.db, written, statements), 'rows');
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
