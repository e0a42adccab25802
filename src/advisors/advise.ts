// The runner: every chosen check in one query (a union over the shared CTEs), inside a transaction that is rolled
// back, with search_path = '' so that names resolve and print the same way on every database. Five round trips
// in all, whatever the number of checks; a warm MCP check's trial transaction gets a savepoint, rolled back too.
import type { Database } from '../db/database.js';
import type { SchemaModel } from '../lint/model/model.js';
import type { Origin } from '../lint/model/types.js';
import { rolledBack } from '../rls/identity.js';
import { CATALOG_CTES, lintUrl, PLATFORM_SCHEMAS } from './catalog.js';
import { ADVISORS } from './checks/index.js';
import { originOf } from './origins.js';
import {
  type Advisor,
  type AdvisorFinding,
  type AdvisorRow,
  atLeast,
  type Category,
  type Level,
  SEVERITY_OF,
} from './types.js';

export interface AdviseOptions {
  /** The schemas the Data API exposes (`[api] schemas`). */
  apiSchemas: string[];
  /** False for a database a replay has just built: the checks that read usage statistics are skipped. */
  statistics: boolean;
  /** The lowest level to run (default info: all). */
  level?: Level;
  type?: 'all' | Category;
  /** False: leave out the inventory checks (see Advisor.inventory); `kodo check` does. Default true. */
  inventory?: boolean;
  /** The migrations' schema model: findings then name the file that created each object. */
  model?: SchemaModel | undefined;
}

/** A finding, with what `kodo check` needs to match it with the static linter's. */
export interface Advised {
  finding: AdvisorFinding;
  mentions: string[];
  origin: Origin | undefined;
}

export interface Skipped {
  rule: string;
  reason: string;
}

export async function advise(
  db: Database,
  opts: AdviseOptions,
): Promise<{ advised: Advised[]; skipped: Skipped[] }> {
  const type = opts.type ?? 'all';
  const chosen = ADVISORS.filter(
    (a) =>
      (type === 'all' || a.category === type) &&
      atLeast(a.level, opts.level ?? 'info') &&
      (opts.inventory !== false || !a.inventory),
  );
  const skipped: Skipped[] = chosen
    .filter((a) => a.needsStatistics && !opts.statistics)
    .map((a) => ({
      rule: a.id,
      reason:
        'a database the migrations were just replayed on has no usage statistics; run it on a live database with --db',
    }));
  const runnable = chosen.filter((a) => !a.needsStatistics || opts.statistics);
  const rows = await rolledBack(db, async (tx) => {
    await tx.exec("set local search_path = ''");
    const present = await presentRelations(tx, runnable);
    const active = runnable.filter((a) => !a.requires || present.has(a.requires));
    for (const a of runnable) {
      if (a.requires && !present.has(a.requires))
        skipped.push({ rule: a.id, reason: `the database has no ${a.requires}` });
    }
    if (active.length === 0) return [];
    const sql = `with ${CATALOG_CTES}\n${active.map(select).join('\nunion all\n')}`;
    return (await tx.query<AdvisorRow & { rule: string }>(sql, [opts.apiSchemas, PLATFORM_SCHEMAS])).rows;
  });
  const byId = new Map(ADVISORS.map((a, i) => [a.id, { advisor: a, order: i }]));
  const advised = rows
    .map((row) => ({ row, ...byId.get(row.rule)! }))
    .map(({ row, advisor, order }) => ({ order, ...toAdvised(advisor, row, opts.model) }))
    .sort((a, b) => a.order - b.order || (a.finding.object < b.finding.object ? -1 : 1))
    .map(({ order: _, ...a }) => a);
  return { advised, skipped };
}

/** One check as a branch of the union, its columns typed alike. */
function select(a: Advisor): string {
  return `select '${a.id}' as rule, q.schema_name::text, q.object_name::text, q.sub_name::text, q.detail::jsonb
  from (${a.sql}) q`;
}

/** Which of the relations the checks require exist (a query naming a missing one would not even plan). */
async function presentRelations(
  tx: Pick<Database, 'query'>,
  advisors: readonly Advisor[],
): Promise<Set<string>> {
  const wanted = [...new Set(advisors.flatMap((a) => (a.requires ? [a.requires] : [])))];
  if (wanted.length === 0) return new Set();
  const { rows } = await tx.query<{ name: string }>(
    'select r as name from unnest($1::text[]) r where to_regclass(r) is not null',
    [wanted],
  );
  return new Set(rows.map((r) => r.name));
}

const NO_FILE_READ =
  'No migration file is named: the database was read as it is, not rebuilt from the migrations.';
// The lint's model of the migrations follows tables, views, functions, policies, indexes and extensions; an
// object made otherwise (a foreign table, a DO block, dynamic SQL, pgmq.create(), the seeds) has no file.
const NO_FILE_FOUND =
  "No migration file is named: kodo's model of the migrations does not follow the statement that made this object (a foreign table, a DO block, dynamic SQL, a function such as pgmq.create(), or the seeds).";

function toAdvised(advisor: Advisor, row: AdvisorRow, model: SchemaModel | undefined): Advised {
  const advice = advisor.advise(row);
  const origin = model ? originOf(model, advice.anchor) : undefined;
  const at = origin?.file.source.position(origin.offset);
  const note = origin ? '' : ` ${model ? NO_FILE_FOUND : NO_FILE_READ}`;
  return {
    finding: {
      rule: advisor.id,
      severity: SEVERITY_OF[advisor.level],
      file: origin?.file.path ?? '',
      line: at?.line ?? 0,
      column: at?.column ?? 0,
      message: advice.message,
      help: `${advisor.help} See ${lintUrl(advisor.lint)}.${note}`,
      object: advice.object,
      category: advisor.category,
    },
    mentions: advice.mentions,
    origin,
  };
}
