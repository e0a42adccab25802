import { describe, expect, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'prefer-bigint-over-smallint';

describe(RULE, () => {
  it('flags smallint and smallserial columns, at the type', async () => {
    const found = await expectFindings(
      'create table public.tags (\n  id smallserial primary key,\n  rank smallint\n);',
      RULE,
      [
        {
          line: 2,
          column: 6,
          message:
            'Column public.tags.id is smallserial, a 16-bit integer that runs out at 32,767; use bigint generated always as identity.',
        },
        {
          line: 3,
          column: 8,
          message:
            'Column public.tags.rank is smallint, a 16-bit integer that runs out at 32,767; use bigint unless the range is bounded by design.',
        },
      ],
    );
    expect(found.map((f) => f.severity)).toEqual(['warning', 'info']);
  });

  it('flags int2, serial2 and ALTER COLUMN TYPE', async () => {
    await expectFindings(
      `create table t (id bigint primary key, n bigint);
alter table t add column a int2, add column b serial2;
alter table t alter column n type smallint;`,
      RULE,
      [
        { line: 2, column: 28 },
        { line: 2, column: 47 },
        { line: 3, column: 35 },
      ],
    );
  });

  it('accepts other integer types and temporary tables', async () => {
    await expectClean(
      `create table t (a bigint, b integer, c bigserial, d numeric(4));
create temp table scratch (n smallint);
select 1::smallint;`,
      RULE,
    );
  });
});
