// Applies one migration file like the Supabase CLI: RESET ALL, then one transaction with every statement and the
// history row, so a failing file leaves nothing behind.
//
// Statements are sent one at a time (as the CLI's pipeline does), so a failure maps to its statement and its
// line. A statement Postgres refuses inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM, …) commits what
// came before and runs on its own; such a file is no longer atomic and says so.
import type { Database, Queryable } from '../db/database.js';
import type { LoadedMigration } from '../migrations/read.js';
import type { SplitStatement } from '../migrations/split.js';
import { SourceText } from '../sql/source.js';
import { type ApplyFailure, toFailure } from './failure.js';
import { recordApplied } from './history.js';
import { endsTransaction, runsOutsideTransaction, stripLeadingComments } from './no-transaction.js';
import { tooDeepForPglite } from './too-deep.js';

export interface FileApplyResult {
  failure: ApplyFailure | null;
  warnings: string[];
}

type Segment = { alone: boolean; indexes: number[] };

/** Wraps an error with the index of the statement that raised it. */
class StatementError extends Error {
  constructor(
    readonly index: number | null,
    readonly original: unknown,
  ) {
    super('statement failed');
  }
}

export async function applyFile(db: Database, migration: LoadedMigration): Promise<FileApplyResult> {
  if (db.kind !== 'postgres') {
    const tooDeep = await tooDeepForPglite(migration);
    if (tooDeep) return { failure: tooDeep, warnings: [] };
  }
  const segments = segment(migration.statements);
  const alone = segments.filter((s) => s.alone).map((s) => migration.statements[s.indexes[0]!]!);
  const warnings = [
    ...alone.map(
      (s) =>
        `${migration.file}: "${headline(s)}" cannot run inside a transaction, so it runs on its own and the file is no longer atomic (statements before it stay applied if a later one fails).`,
    ),
    ...splitWarnings(migration),
  ];
  const record = (tx: Queryable) =>
    recordApplied(tx, {
      version: migration.version,
      name: migration.name,
      statements: migration.statements.map((s) => s.sql),
      sha256: migration.sha256,
    }).catch((e: unknown) => {
      throw new StatementError(null, e);
    });
  try {
    // Settings a previous file changed (search_path, role, …) must not leak into this one.
    await db.exec('RESET ALL');
    for (const [i, seg] of segments.entries()) {
      const last = i === segments.length - 1;
      if (seg.alone) {
        await run(db, migration, seg.indexes[0]!);
        continue;
      }
      await db.transaction(async (tx) => {
        for (const index of seg.indexes) await run(tx, migration, index);
        if (last) await record(tx);
      });
    }
    if (segments.length === 0 || segments.at(-1)!.alone) await db.transaction(record);
  } catch (e) {
    if (e instanceof StatementError) return { failure: toFailure(migration, e.index, e.original), warnings };
    return { failure: toFailure(migration, null, e), warnings };
  }
  return { failure: null, warnings };
}

async function run(q: Queryable, migration: LoadedMigration, index: number): Promise<void> {
  try {
    // One statement per call, like the CLI; the simple protocol because PGlite runs it about twice as fast.
    await q.exec(migration.statements[index]!.sql);
  } catch (e) {
    throw new StatementError(index, e);
  }
}

/** Runs of transactional statements, split by statements that must run alone. */
function segment(statements: SplitStatement[]): Segment[] {
  const segments: Segment[] = [];
  for (const [index, s] of statements.entries()) {
    if (runsOutsideTransaction(s.sql)) {
      segments.push({ alone: true, indexes: [index] });
    } else if (segments.length > 0 && !segments.at(-1)!.alone) {
      segments.at(-1)!.indexes.push(index);
    } else {
      segments.push({ alone: false, indexes: [index] });
    }
  }
  return segments;
}

/** A COMMIT or ROLLBACK in the file (applied with --no-verify): run as written, as the Supabase CLI does, and said. */
function splitWarnings(migration: LoadedMigration): string[] {
  return migration.statements.flatMap((s) => {
    const kind = endsTransaction(s.sql);
    if (!kind) return [];
    const { line } = new SourceText(migration.text).position(s.offset);
    const effect =
      kind === 'commit'
        ? 'the statements before it are committed and stay applied if a later one fails'
        : 'the statements before it are undone';
    return [
      `${migration.file}:${line}: "${headline(s)}" ends the file's transaction, so the file is not atomic: ${effect}, and the rest runs outside that transaction (as with the Supabase CLI).`,
    ];
  });
}

function headline(s: SplitStatement): string {
  const text = stripLeadingComments(s.sql).replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
