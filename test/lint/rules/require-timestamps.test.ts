import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'require-timestamps';

describe(RULE, () => {
  it('flags a table without the timestamp columns', async () => {
    await expectFindings('create table public.tags (id bigint primary key);', RULE, [
      {
        line: 1,
        column: 1,
        message:
          'Table public.tags has no created_at or updated_at column; add them as timestamptz not null default now().',
      },
    ]);
  });

  it('flags timestamp without time zone at the column', async () => {
    await expectFindings(
      'create table t (\n  id bigint primary key,\n  created_at timestamp not null default now(),\n  updated_at timestamptz\n);',
      RULE,
      [
        {
          line: 3,
          column: 3,
          message:
            'Column created_at of public.t is timestamp without time zone; make it timestamptz so times keep their time zone.',
        },
      ],
    );
  });

  it('accepts timestamptz columns, also when added later', async () => {
    await expectClean(
      {
        '00001_t.sql':
          'create table t (id bigint primary key, created_at timestamptz not null default now());',
        '00002_t.sql': 'alter table t add column updated_at timestamp with time zone;',
      },
      RULE,
    );
  });
});
