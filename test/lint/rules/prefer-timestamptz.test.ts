import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'prefer-timestamptz';

describe(RULE, () => {
  it('flags timestamp columns, at the type', async () => {
    await expectFindings('create table public.events (\n  starts_at timestamp not null\n);', RULE, [
      {
        line: 2,
        column: 13,
        message:
          'Column public.events.starts_at is timestamp without time zone, which keeps no time zone; use timestamptz.',
      },
    ]);
  });

  it('flags every spelling, ADD COLUMN and ALTER COLUMN TYPE', async () => {
    await expectFindings(
      `create table t (id bigint primary key, a timestamp without time zone, b timestamp(3), c timestamp[]);
alter table t add column d timestamp;
alter table t alter column a type timestamp(6);`,
      RULE,
      [
        { line: 1, column: 42 },
        { line: 1, column: 73 },
        {
          line: 1,
          column: 89,
          message:
            'Column public.t.c is timestamp without time zone[], which keeps no time zone; use timestamptz.',
        },
        { line: 2, column: 28 },
        { line: 3, column: 35 },
      ],
    );
  });

  it('accepts timestamptz, date, temporary tables and casts', async () => {
    await expectClean(
      `create table t (a timestamptz, b timestamp with time zone, c date, d time);
create temp table scratch (at timestamp);
select now()::timestamp;`,
      RULE,
    );
  });

  it('answers to its squawk alias in ignore comments', async () => {
    await expectClean('-- squawk-ignore prefer-timestamp-tz\ncreate table t (at timestamp);', RULE);
  });
});
