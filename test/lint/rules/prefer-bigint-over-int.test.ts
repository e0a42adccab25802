import { describe, expect, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'prefer-bigint-over-int';

describe(RULE, () => {
  it('flags integer and serial columns in CREATE TABLE, at the type', async () => {
    await expectFindings(
      'create table public.orders (\n  id serial primary key,\n  quantity integer not null\n);',
      RULE,
      [
        {
          line: 2,
          column: 6,
          message:
            'Column public.orders.id is serial, a 32-bit integer that runs out at 2,147,483,647; use bigint generated always as identity.',
        },
        {
          line: 3,
          column: 12,
          message:
            'Column public.orders.quantity is integer, a 32-bit integer that runs out at 2,147,483,647; use bigint.',
        },
      ],
    );
  });

  it('flags ADD COLUMN and ALTER COLUMN TYPE, int4, serial4 and arrays', async () => {
    await expectFindings(
      `create table t (id bigint primary key, n bigint);
alter table t add column a int4, add column b serial4;
alter table t alter column n type int;
alter table t add column c int[];`,
      RULE,
      [
        { line: 2, column: 28 },
        { line: 2, column: 47 },
        { line: 3, column: 35 },
        {
          line: 4,
          column: 28,
          message:
            'Column public.t.c is integer[], a 32-bit integer that runs out at 2,147,483,647; use bigint.',
        },
      ],
    );
  });

  it('is a warning on keys and an info on other columns', async () => {
    const found = await expectFindings(
      `create table t (
  id int generated always as identity,
  owner_id int references owners,
  parent int,
  count int,
  primary key (id),
  foreign key (parent) references t
);`,
      RULE,
      [
        { line: 2, column: 6 },
        { line: 3, column: 12 },
        { line: 4, column: 10 },
        { line: 5, column: 9 },
      ],
    );
    expect(found.map((f) => f.severity)).toEqual(['warning', 'warning', 'warning', 'info']);
  });

  it('accepts bigint, smallint, bigserial and a user type named int4', async () => {
    await expectClean(
      `create schema app;
create type app.int4 as enum ('a');
create table t (a bigint, b int8, c bigserial, d smallint, e numeric, f app.int4, g text);`,
      RULE,
    );
  });

  it('ignores temporary tables, casts, functions and no-op IF NOT EXISTS statements', async () => {
    await expectClean(
      `create temporary table scratch (n int);
create table t (id bigint primary key, n bigint);
create table if not exists t (id int);
alter table t add column if not exists n int;
select 1::int;
create function f(a int) returns int language sql as 'select a';`,
      RULE,
    );
  });
});
