import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'ban-drop-table';

describe(RULE, () => {
  it('flags DROP TABLE of a table an earlier migration created', async () => {
    await expectFindings(
      {
        '00001_logs.sql': 'create table public.logs (id bigint primary key);',
        '00002_drop.sql': 'drop table public.logs;',
      },
      RULE,
      [
        {
          file: '00002_drop.sql',
          line: 1,
          column: 1,
          message:
            'Dropping table public.logs deletes all of its rows and breaks every client that still uses it; make sure nothing reads or writes it and back it up first.',
        },
      ],
    );
  });

  it('flags each table of the statement, also tables no migration created', async () => {
    await expectFindings(
      {
        '00001_logs.sql': 'create table logs (id bigint primary key);',
        '00002_drop.sql': 'drop table logs, legacy cascade;',
      },
      RULE,
      [
        { file: '00002_drop.sql', line: 1, column: 1 },
        {
          file: '00002_drop.sql',
          line: 1,
          column: 1,
          message:
            'Dropping table public.legacy deletes all of its rows and breaks every client that still uses it; make sure nothing reads or writes it and back it up first.',
        },
      ],
    );
  });

  it('flags IF EXISTS of a table that exists', async () => {
    await expectFindings(
      {
        '00001_logs.sql': 'create table logs (id bigint primary key);',
        '00002_drop.sql': 'drop table if exists logs, never_created;',
      },
      RULE,
      [{ file: '00002_drop.sql', line: 1, column: 1 }],
    );
  });

  it('flags a table no migration created when IF EXISTS is absent', async () => {
    await expectFindings('drop table audit.events;', RULE, [
      {
        line: 1,
        column: 1,
        message:
          'Dropping table audit.events deletes all of its rows and breaks every client that still uses it; make sure nothing reads or writes it and back it up first.',
      },
    ]);
  });

  it('exempts tables created in the same transaction, temporary tables and IF EXISTS of unknown tables', async () => {
    await expectClean(
      {
        '00001_tables.sql': `create table staging (id bigint primary key);
drop table staging;
create temporary table scratch (n int);`,
        '00002_more.sql': `drop table if exists never_created;
create table tmp_import (line text);
drop table tmp_import;`,
      },
      RULE,
    );
  });
});
