import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'non-transactional-statement';
const OUTSIDE = { settings: { assumeInTransaction: false } };

describe(RULE, () => {
  it('flags DROP INDEX CONCURRENTLY in a file with other statements', async () => {
    await expectFindings(
      'create table public.orders (id bigint primary key, user_id uuid);\ndrop index concurrently if exists public.orders_user_idx;',
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            'DROP INDEX CONCURRENTLY public.orders_user_idx cannot run inside a transaction block, and the Supabase CLI runs a file with other statements in one; move it to a migration file of its own.',
        },
      ],
    );
  });

  it('leaves CREATE INDEX CONCURRENTLY to ban-concurrent-index-creation-in-transaction', async () => {
    await expectClean(
      'create table t (id bigint primary key, a int);\ncreate index concurrently t_a_idx on t (a);',
      RULE,
    );
  });

  it('flags the other statements the CLI can only run alone', async () => {
    await expectFindings(
      `set lock_timeout = '5s';
drop index concurrently orders_user_idx;
reindex index concurrently orders_pkey;
vacuum orders;
alter system set work_mem = '64MB';
cluster;`,
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            'DROP INDEX CONCURRENTLY public.orders_user_idx cannot run inside a transaction block, and the Supabase CLI runs a file with other statements in one; move it to a migration file of its own.',
        },
        { line: 3, column: 1 },
        { line: 4, column: 1 },
        { line: 5, column: 1 },
        { line: 6, column: 1 },
      ],
    );
  });

  it('flags statements that fail in any migration, even alone', async () => {
    await expectFindings('create database analytics;', RULE, [
      {
        line: 1,
        column: 1,
        message:
          'CREATE DATABASE analytics cannot run inside a transaction block, and the Supabase CLI runs every migration file in one; run it outside migrations.',
      },
    ]);
    await expectFindings(
      `drop database if exists old;
reindex schema public;
create tablespace fast location '/mnt/fast';
discard all;
alter table events detach partition events_2020 concurrently;
create subscription sub connection 'dbname=x' publication pub;`,
      RULE,
      [
        { line: 1, column: 1 },
        {
          line: 2,
          column: 1,
          message:
            'REINDEX SCHEMA cannot run inside a transaction block, and the Supabase CLI runs every migration file in one; run it outside migrations.',
        },
        { line: 3, column: 1 },
        { line: 4, column: 1 },
        {
          line: 5,
          column: 1,
          message:
            'ALTER TABLE public.events DETACH PARTITION … CONCURRENTLY cannot run inside a transaction block, and the Supabase CLI runs every migration file in one; run it outside migrations.',
        },
        { line: 6, column: 1 },
      ],
    );
  });

  it('flags CLUSTER of a partitioned table', async () => {
    await expectFindings(
      {
        '00001_events.sql':
          'create table events (id bigint, at date, primary key (id, at)) partition by range (at);\ncreate index events_at_idx on events (at);',
        '00002_cluster.sql': 'cluster events using events_at_idx;\nselect 1;',
      },
      RULE,
      [{ file: '00002_cluster.sql', line: 1, column: 1 }],
    );
  });

  it('flags a non-transactional statement inside an explicit BEGIN, even when files are not wrapped', async () => {
    await expectFindings(
      'begin;\nreindex table concurrently t;\ncommit;',
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            'REINDEX … CONCURRENTLY cannot run inside a transaction block, and this one is inside a BEGIN written in the file; move it to a migration file of its own without BEGIN/COMMIT.',
        },
      ],
      OUTSIDE,
    );
  });

  it('accepts a concurrent index drop alone in its file, with comments around it', async () => {
    await expectClean(
      '-- the index is unused since 2.3\ndrop index concurrently if exists orders_user_idx;\n',
      RULE,
    );
    await expectClean('vacuum analyze orders;', RULE);
  });

  it('accepts statements that Postgres allows in a transaction', async () => {
    await expectClean(
      `create table t (id bigint primary key, a int);
create index t_a_idx on t (a);
drop index t_a_idx;
reindex table t;
analyze t;
cluster t using t_pkey;
alter database postgres set statement_timeout = '10s';
create type mood as enum ('a');
alter type mood add value 'b';
refresh materialized view concurrently mv;
create subscription sub connection 'dbname=x' publication pub with (connect = false);`,
      RULE,
    );
  });

  it('accepts anything when the runner does not wrap files and no BEGIN is open', async () => {
    await expectClean(
      'create table t (id bigint primary key, a int);\ndrop index concurrently t_a_idx;\nvacuum t;\ncreate database x;',
      RULE,
      OUTSIDE,
    );
  });

  it('flags ALTER TYPE … ADD VALUE in a transaction when targeting Postgres before 12', async () => {
    await expectFindings(
      {
        '00001_type.sql': "create type mood as enum ('a');",
        '00002_value.sql': "alter type mood add value 'b';",
      },
      RULE,
      [{ file: '00002_value.sql', line: 1, column: 1 }],
      { settings: { pgVersion: 11 } },
    );
  });
});
