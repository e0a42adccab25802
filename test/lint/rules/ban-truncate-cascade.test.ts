import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'ban-truncate-cascade';

describe(RULE, () => {
  it('flags TRUNCATE … CASCADE on an existing table', async () => {
    await expectFindings(
      {
        '00001_t.sql': 'create table public.accounts (id bigint primary key);',
        '00002_reset.sql': 'truncate table public.accounts cascade;',
      },
      RULE,
      [
        {
          file: '00002_reset.sql',
          line: 1,
          column: 1,
          message:
            'TRUNCATE … CASCADE on public.accounts also empties every table with a foreign key to it, recursively; list the tables to empty and drop CASCADE.',
        },
      ],
    );
  });

  it('names only the tables that existed before, and tables it does not know', async () => {
    await expectFindings(
      {
        '00001_t.sql': 'create table a (id bigint primary key);',
        '00002_t.sql': 'create table b (id bigint primary key);\ntruncate a, b, c cascade;',
      },
      RULE,
      [
        {
          file: '00002_t.sql',
          line: 2,
          column: 1,
          message:
            'TRUNCATE … CASCADE on public.a, public.c also empties every table with a foreign key to them, recursively; list the tables to empty and drop CASCADE.',
        },
      ],
    );
  });

  it('accepts TRUNCATE without CASCADE, new tables and temporary tables', async () => {
    await expectClean(
      `truncate a, b;
truncate c restrict;
create table d (id bigint primary key);
truncate d cascade;
create temp table scratch (id bigint);
truncate scratch cascade;`,
      RULE,
    );
  });
});
