// Applying the newest migration as a trial: inside one outer transaction that is rolled back afterwards, so the
// database returns to the state before that file and a long-lived process (the MCP server) can check the next edit
// of it without replaying or restoring anything.
//
// A trial must report what a committed apply reports. So: each file "transaction" becomes a savepoint; deferred
// constraints are checked where the COMMIT would check them; sequences, which a rollback does not rewind, are put
// back; and files whose meaning depends on a real commit (statements that run outside a transaction, a COMMIT or
// ROLLBACK of their own, an enum value added and then usable only after commit) are never tried this way.
import type { Database, Queryable, QueryResult } from '../db/database.js';
import type { LoadedMigration } from '../migrations/read.js';
import { endsTransaction, runsOutsideTransaction, stripLeadingComments } from './no-transaction.js';

/** Whether `migration` can be applied as a trial with the same outcome as a committed apply. */
export function canTry(migration: LoadedMigration): boolean {
  return migration.statements.every(
    (s) =>
      !runsOutsideTransaction(s.sql) &&
      !endsTransaction(s.sql) &&
      !/^(?:BEGIN|START\s+TRANSACTION|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION)\b/i.test(
        stripLeadingComments(s.sql),
      ) &&
      !/\bADD\s+VALUE\b/i.test(s.sql),
  );
}

interface SequenceState {
  seq: string;
  value: string | null;
  start: string;
}

class TrialDatabase implements Database {
  readonly kind;
  readonly label;
  readonly throwaway;
  private savepoints = 0;

  constructor(private readonly inner: Database) {
    this.kind = inner.kind;
    this.label = inner.label;
    this.throwaway = inner.throwaway;
  }

  query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return this.inner.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const name = `kodo_trial_${++this.savepoints}`;
    await this.inner.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this);
      // Where COMMIT would check them: a deferred foreign key fails here, not never.
      await this.inner.exec('SET CONSTRAINTS ALL IMMEDIATE');
      await this.inner.exec(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (e) {
      await this.inner.exec(`ROLLBACK TO SAVEPOINT ${name}`);
      throw e;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A trial on `db`: `db` to apply through, then `end()`, which rolls everything back. */
export async function beginTrial(db: Database): Promise<{ db: Database; end: () => Promise<void> }> {
  const { rows } = await db.query<SequenceState>(
    `select format('%I.%I', schemaname, sequencename) as seq, last_value::text as value, start_value::text as start
       from pg_catalog.pg_sequences`,
  );
  await db.exec('BEGIN');
  return {
    db: new TrialDatabase(db),
    end: async () => {
      await db.exec('ROLLBACK');
      await rewindSequences(db, rows);
    },
  };
}

/** setval is not transactional: the values the trial drew are given back, so the next trial draws the same ones. */
async function rewindSequences(db: Database, before: SequenceState[]): Promise<void> {
  const { rows } = await db.query<SequenceState>(
    `select format('%I.%I', schemaname, sequencename) as seq, last_value::text as value, start_value::text as start
       from pg_catalog.pg_sequences`,
  );
  const was = new Map(before.map((s) => [s.seq, s]));
  const calls = rows
    .filter((s) => was.has(s.seq) && was.get(s.seq)!.value !== s.value)
    .map((s) => {
      const old = was.get(s.seq)!;
      return old.value === null
        ? `select pg_catalog.setval('${s.seq.replace(/'/g, "''")}', ${old.start}, false)`
        : `select pg_catalog.setval('${s.seq.replace(/'/g, "''")}', ${old.value}, true)`;
    });
  if (calls.length > 0) await db.exec(`${calls.join(';\n')};`);
}
