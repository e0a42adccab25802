import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'transaction-nesting';
const OUTSIDE = { settings: { assumeInTransaction: false } };

describe(RULE, () => {
  it('flags BEGIN in a Supabase migration, which already runs in a transaction', async () => {
    await expectFindings('begin;\ncreate table t (id bigint primary key);\ncommit;', RULE, [
      {
        line: 1,
        column: 1,
        message:
          'The Supabase CLI already runs each migration file in a transaction, so this BEGIN nests in it and Postgres ignores it with a warning; remove it and its COMMIT.',
      },
    ]);
  });

  it('flags a COMMIT with statements after it, and the BEGIN that follows', async () => {
    await expectFindings(
      'create table a (id bigint primary key);\ncommit;\nbegin;\ncreate table b (id bigint primary key);\ncommit;',
      RULE,
      [
        {
          line: 2,
          column: 1,
          severity: 'error',
          message:
            'This COMMIT splits the file: it ends the transaction the Supabase CLI runs the file in, so the statements after it no longer roll back with the ones before and a failure leaves half the migration applied; remove it.',
        },
        { line: 3, column: 1 },
      ],
    );
  });

  it('flags START TRANSACTION, END, a COMMIT without BEGIN and ROLLBACK', async () => {
    await expectFindings('start transaction;\nselect 1;\nend;\nselect 2;\nrollback;', RULE, [
      { line: 1, column: 1 },
      { line: 3, column: 1 },
      {
        line: 5,
        column: 1,
        severity: 'error',
        message:
          'This ROLLBACK splits the file: it undoes the statements before it, yet the Supabase CLI still records the migration as applied; remove it.',
      },
    ]);
    await expectFindings('select 1;\ncommit;', RULE, [
      {
        line: 2,
        column: 1,
        message:
          'This COMMIT has no BEGIN and commits the transaction the Supabase CLI runs the file in before the migration is recorded; remove it.',
      },
    ]);
  });

  it('flags nested BEGIN and unmatched COMMIT/ROLLBACK when files are not wrapped', async () => {
    await expectFindings(
      'begin;\nbegin;\ncommit;\ncommit;\nrollback;',
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            'This BEGIN is inside a transaction that is already open, so Postgres ignores it with a warning; remove it.',
        },
        {
          line: 4,
          column: 1,
          message: 'This COMMIT has no transaction to end, so Postgres ignores it with a warning; remove it.',
        },
        {
          line: 5,
          column: 1,
          message:
            'This ROLLBACK has no transaction to end, so Postgres ignores it with a warning; remove it.',
        },
      ],
      OUTSIDE,
    );
  });

  it('accepts migrations without transaction statements, and matched ones when files are not wrapped', async () => {
    await expectClean('create table t (id bigint primary key);\nsavepoint s;\nrelease savepoint s;', RULE);
    await expectClean(
      'begin;\ncreate table t (id bigint primary key);\ncommit;\nbegin;\nselect 1;\nrollback;',
      RULE,
      OUTSIDE,
    );
  });
});
