// Noise seen on real folders (issue 9): a temporary table is not in public, whichever way it is written.
import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

describe('temporary tables are not exposed tables', () => {
  it.each([
    ['create temp table', 'create temp table staging (id int);'],
    ['create temporary table', 'create temporary table staging (id int);'],
    ['create temporary table … as', 'create temporary table staging as select 1 as id;'],
    ['create temp table … as, if not exists', 'create temp table if not exists staging as select 1 as id;'],
    ['a table in pg_temp', 'create table pg_temp.staging (id int);'],
  ])('%s: rls-disabled-in-public and no-primary-key stay silent', async (_, sql) => {
    await expectClean(sql, 'rls-disabled-in-public');
    await expectClean(sql, 'no-primary-key');
  });

  it('still flags the same table created for good with create table … as', async () => {
    await expectFindings('create table staging as select 1 as id;', 'rls-disabled-in-public', [
      { line: 1, column: 14, severity: 'error' },
    ]);
  });

  it('still flags an unlogged table created with create unlogged table … as', async () => {
    await expectFindings('create unlogged table staging as select 1 as id;', 'rls-disabled-in-public', [
      { line: 1, column: 23 },
    ]);
  });
});
