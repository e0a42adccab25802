// The data half of a squashed file. First choice: the originals' own data statements (inserts into user tables and
// storage.buckets, updates, deletes, cron.schedule, vault.create_secret, …), verbatim and in their order, after the
// whole schema. When those do not rebuild the same rows on the final schema (an insert names a column a later file
// dropped, a backfill ran before a NOT NULL that now comes first, a DO block wrote rows), the rows themselves as the
// originals left them, followed by the calls into the platform (cron jobs, vault secrets), which are not rows of
// the user's tables.
import type { Database } from '../db/database.js';
import type { LoadedMigration } from '../migrations/read.js';
import type { Snapshot } from '../schema/types.js';
import { type DataStatement, dataStatements } from './data-statements.js';
import { rowsAsSql } from './rows.js';

const WRITES = new Set(['insert', 'update', 'delete', 'merge', 'truncate', 'copy']);

export interface DataSection {
  sql: string;
  /** The statements kept, by file and line. */
  kept: DataStatement[];
  /** Statements left out, and why. */
  skipped: Array<{ file: string; line: number; reason: string }>;
}

/** Every data statement of the folded files, in order, minus those that write a table the schema no longer has. */
export async function statementSection(included: LoadedMigration[], schema: Snapshot): Promise<DataSection> {
  const all = (await Promise.all(included.map(dataStatements))).flat();
  const kept: DataStatement[] = [];
  const skipped: DataSection['skipped'] = [];
  for (const s of all) {
    // Only a statement that writes tables names tables; a call's or a DO block's targets include functions.
    const gone = WRITES.has(s.kind) ? s.targets.find((t) => isUserTable(t, schema) === false) : undefined;
    if (gone)
      skipped.push({
        file: s.file,
        line: s.line,
        reason: `${gone} no longer exists at the squashed version`,
      });
    else kept.push(s);
  }
  return { sql: render(kept), kept, skipped };
}

/** The rows of `tables` as they are in `db` (the replay of the originals), then the platform calls of `statements`. */
export async function rowSection(
  db: Database,
  tables: string[],
  statements: DataSection,
): Promise<DataSection> {
  // A DO block that only calls into the platform (a vault secret, a cron job) is kept like a call.
  const calls = statements.kept.filter(
    (s) => (s.kind === 'call' || s.kind === 'do') && s.targets.length > 0 && s.targets.every(isPlatformCall),
  );
  const rows = await rowsAsSql(db, tables);
  const sql = [rows.trimEnd(), render(calls)].filter((s) => s !== '').join('\n\n');
  const skipped = statements.kept
    .filter((s) => !calls.includes(s))
    .map((s) => ({ file: s.file, line: s.line, reason: 'replaced by the rows it left' }));
  return { sql, kept: calls, skipped: [...statements.skipped, ...skipped] };
}

function render(kept: DataStatement[]): string {
  return kept.map((s) => `-- ${s.file.split('/').at(-1)} line ${s.line}\n${s.sql};`).join('\n');
}

/** Whether a qualified name lies in one of the user's schemas (public, or one the migrations created). */
export function inUserSchema(target: string, schema: Snapshot): boolean {
  const name = target.slice(0, target.indexOf('.'));
  return name === 'public' || schema.objects.has(`schema ${name}`);
}

/** undefined for a table outside the user's schemas (storage.buckets): the platform always has it. */
function isUserTable(target: string, schema: Snapshot): boolean | undefined {
  return inUserSchema(target, schema) ? schema.objects.has(`table ${target}`) : undefined;
}

/** Calls whose effect lives in the platform (a cron job, a vault secret, a request sent), not in user tables. */
function isPlatformCall(target: string): boolean {
  return /^(cron|vault|net|pgmq|supabase_functions)\./.test(target);
}
