import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'duplicate-index';

describe(RULE, () => {
  it('flags an index that repeats a unique constraint, at the index', async () => {
    await expectFindings(
      'create table public.accounts (id bigint primary key, email text unique);\ncreate unique index accounts_email_idx on public.accounts (email);',
      RULE,
      [
        {
          line: 2,
          column: 43,
          message:
            'Index public.accounts_email_idx on public.accounts duplicates constraint accounts_email_key (unique btree (email)); drop one of them.',
        },
      ],
    );
  });

  it('flags identical indexes written by different migrations', async () => {
    await expectFindings(
      {
        '00001_a.sql':
          'create table public.events (id bigint primary key, org uuid, at timestamptz);\ncreate index events_org_at on public.events (org, at desc);',
        '00002_b.sql': 'create index if not exists events_by_org on public.events (org, at desc);',
      },
      RULE,
      [
        {
          file: '00002_b.sql',
          line: 1,
          column: 45,
          message:
            'Index public.events_by_org on public.events duplicates index public.events_org_at (btree (org, at desc)); drop one of them.',
        },
      ],
    );
  });

  it('flags a unique constraint added over an existing primary key', async () => {
    await expectFindings(
      'create table t (id bigint primary key);\nalter table t add constraint t_id_key unique (id);',
      RULE,
      [
        {
          line: 2,
          column: 19,
          message:
            'Constraint t_id_key on public.t duplicates constraint t_pkey (unique btree (id)); drop one of them.',
        },
      ],
    );
  });

  it('accepts indexes that differ in order, method, uniqueness, predicate or columns', async () => {
    await expectClean(
      `create table t (id bigint primary key, a int, b int, tags text[]);
create index t_a on t (a);
create index t_a_desc on t (a desc);
create unique index t_a_unique on t (a);
create index t_a_partial on t (a) where b > 0;
create index t_a_b on t (a, b);
create index t_b_a on t (b, a);
create index t_tags on t using gin (tags);
create index t_a_incl on t (a) include (b);`,
      RULE,
    );
  });

  it('accepts a duplicate dropped later and a recreated index of the same name', async () => {
    await expectClean(
      {
        '00001_a.sql':
          'create table t (id int primary key, a int);\ncreate index t_a on t (a);\ncreate index t_a2 on t (a);',
        '00002_b.sql': 'drop index t_a2;\ncreate index if not exists t_a on t (a);',
      },
      RULE,
    );
  });
});
