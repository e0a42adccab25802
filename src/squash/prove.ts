// The proof of a squash: the squashed text is applied as a migration file (split and run as the Supabase CLI runs
// it) to a fresh throwaway Supabase database, and its schema snapshot and the row fingerprints of every table the
// originals could have written are compared with those of the originals' replay. Equal, or not verified.
import { applyFile } from '../apply/apply-file.js';
import { createHistoryTable } from '../apply/history.js';
import type { Database } from '../db/database.js';
import { openMemoryDatabase } from '../db/pglite.js';
import { splitStatements } from '../migrations/split.js';
import { compareSnapshots, summaryLine } from '../schema/compare.js';
import { takeSnapshot } from '../schema/snapshot.js';
import type { Snapshot } from '../schema/types.js';
import { compareFingerprints, rowFingerprints, type TableFingerprint } from './fingerprint.js';

export interface Expected {
  schema: Snapshot;
  rows: Map<string, TableFingerprint>;
  /** Tables outside the user's schemas that data statements wrote (auth.users, …): fingerprinted too. */
  extra: string[];
}

export interface Proof {
  verified: boolean;
  remaining: string[];
}

/** A fresh throwaway Supabase database for one proof (the caller closes it). */
export function openProofDatabase(env: NodeJS.ProcessEnv): Promise<Database> {
  return openMemoryDatabase('memory (squash proof)', { env });
}

/** Applies the squashed text to `db`, a fresh database (openProofDatabase), and compares. */
export async function proveSquashed(
  db: Database,
  squashed: { file: string; version: string; name: string; text: string },
  expected: Expected,
): Promise<Proof> {
  {
    await createHistoryTable(db);
    const outcome = await applyFile(db, {
      ...squashed,
      path: squashed.file,
      sha256: '',
      statements: splitStatements(squashed.text),
    });
    if (outcome.failure) {
      const f = outcome.failure;
      return { verified: false, remaining: [`the squashed file fails at line ${f.line}: ${f.message}`] };
    }
    const built = await takeSnapshot(db);
    const schema = compareSnapshots(built, expected.schema).map(summaryLine);
    // Objects kodo does not model (aggregates) are not in the comparison: their absence must still fail it.
    const lost = expected.schema.unmodeled.filter((name) => !built.unmodeled.includes(name));
    schema.push(...lost.map((name) => `${name}: not carried (kodo does not model it yet)`));
    const rows = compareFingerprints(expected.rows, await rowFingerprints(db, expected.extra));
    const remaining = [...schema, ...rows];
    return { verified: remaining.length === 0, remaining };
  }
}
