import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'no-primary-key';

describe(RULE, () => {
  it('flags a table created without a primary key', async () => {
    await expectFindings('create table public.notes (body text);', RULE, [
      {
        line: 1,
        column: 1,
        message: 'Table public.notes has no primary key; add one so every row can be identified.',
      },
    ]);
  });

  it('flags only the table without one', async () => {
    await expectFindings(
      'create table a (id bigint primary key);\n\ncreate table b (a_id bigint references a);',
      RULE,
      [{ line: 3, column: 1 }],
    );
  });

  it('accepts column and table primary keys', async () => {
    await expectClean(
      'create table a (id uuid primary key); create table b (x int, y int, primary key (x, y));',
      RULE,
    );
  });

  it('accepts a primary key added by a later migration', async () => {
    await expectClean(
      {
        '00001_create.sql': 'create table t (id bigint not null);',
        '00002_key.sql': 'alter table t add constraint t_pkey primary key (id);',
      },
      RULE,
    );
  });

  it('flags a table whose primary key was dropped later', async () => {
    await expectFindings(
      {
        '00001_create.sql': 'create table t (id bigint primary key);',
        '00002_drop.sql': 'alter table t drop constraint t_pkey;',
      },
      RULE,
      [{ line: 1, column: 1, file: '00001_create.sql' }],
    );
  });

  it('ignores tables dropped later, temporary tables and partitions of a keyed parent', async () => {
    await expectClean(
      `create table gone (x int);
       drop table gone;
       create temporary table scratch (x int);
       create table events (id bigint, at date, primary key (id, at)) partition by range (at);
       create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');`,
      RULE,
    );
  });
});
