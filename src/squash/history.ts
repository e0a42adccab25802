// The history side of a squash. A database that already applied the folded files keeps rows for each of them; after
// the squash it must instead show V applied with the squashed file's statements (the Supabase CLI's squash does the
// same: delete the rows up to V, insert V). kodo shows that change as the exact `kodo repair` commands and makes it
// itself only for the database named with --db, with approval, in one transaction.
import { deleteApplied, readHistory, upsertApplied } from '../apply/history.js';
import { embeddedMissing, openTarget } from '../apply/open-target.js';
import { planIdFor } from '../apply/plan-id.js';
import { KodoError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import type { LoadedMigration } from '../migrations/read.js';
import { splitStatements } from '../migrations/split.js';

/** What `kodo repair` needs to run on a database that applied the folded files. */
export function repairCommands(
  included: LoadedMigration[],
  into: { version: string },
  db: string | undefined,
): string[] {
  // A URL may hold a password: the commands never repeat it.
  const on = db === undefined ? '' : ` --db ${/^[\w-]+$/.test(db) ? db : '<the same --db>'}`;
  const gone = included.filter((m) => m.version !== into.version).map((m) => m.version);
  return [
    `kodo repair ${gone.join(' ')} --status reverted${on}`,
    `kodo repair ${into.version} --status applied${on}`,
  ];
}

/** True when `db` applied every folded file (the history must change); false when none; refused in between. */
export async function historyNeedsChange(db: Database, included: LoadedMigration[]): Promise<boolean> {
  const applied = new Set((await readHistory(db)).map((h) => h.version));
  const have = included.filter((m) => applied.has(m.version));
  if (have.length === 0) return false;
  if (have.length === included.length) return true;
  const missing = included.find((m) => !applied.has(m.version))!;
  throw new KodoError(
    'partly-applied',
    `${db.label} applied ${have.length} of the ${included.length} migrations to squash but not ${missing.file}; apply them first (kodo up) or squash only up to the ones it applied.`,
  );
}

/** Rows of the folded files out, V in with the squashed statements and checksum: one transaction. */
export async function rewriteHistory(
  db: Database,
  included: LoadedMigration[],
  squashed: { version: string; name: string; text: string; sha256: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteApplied(
      tx,
      included.filter((m) => m.version !== squashed.version).map((m) => m.version),
    );
    await upsertApplied(tx, {
      version: squashed.version,
      name: squashed.name,
      statements: splitStatements(squashed.text).map((s) => s.sql),
      sha256: squashed.sha256,
    });
  });
}

/** Whether the database named with --db needs the change, and the planId that approves exactly it. */
export async function planHistory(
  target: { root: string; db: string; env: NodeJS.ProcessEnv },
  included: LoadedMigration[],
  sha256: string,
): Promise<{ target: string; changed: boolean; planId: string }> {
  if (await embeddedMissing(target)) return { target: 'embedded (.kodo/db)', changed: false, planId: '' };
  const db = await openTarget({ ...target, dryRun: true });
  try {
    const changed = await historyNeedsChange(db, included);
    const planId = planIdFor(`squash ${db.label}`, [...included, { version: 'squashed', sha256 }]);
    return { target: db.label, changed, planId };
  } finally {
    await db.close();
  }
}
