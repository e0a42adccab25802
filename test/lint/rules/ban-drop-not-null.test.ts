import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'ban-drop-not-null';

describe(RULE, () => {
  it('flags DROP NOT NULL on a table from an earlier migration', async () => {
    await expectFindings(
      {
        '00001_users.sql': 'create table public.users (id bigint primary key, email text not null);',
        '00002_optional_email.sql': '\nalter table public.users alter column email drop not null;',
      },
      RULE,
      [
        {
          file: '00002_optional_email.sql',
          line: 2,
          column: 1,
          message:
            'Column public.users.email drops NOT NULL, so readers that expect a value will start getting NULLs; make sure every client handles NULL first.',
        },
      ],
    );
  });

  it('flags each column of a multi-action ALTER TABLE, and unknown tables', async () => {
    await expectFindings(
      'alter table orders alter column a drop not null, alter column b drop not null;',
      RULE,
      [
        { line: 1, column: 1, message: expectMessage('public.orders.a') },
        { line: 1, column: 1, message: expectMessage('public.orders.b') },
      ],
    );
  });

  it('accepts a table created in the same transaction and temporary tables', async () => {
    await expectClean(
      `create table t (id bigint primary key, a text not null);
alter table t alter column a drop not null;
create temp table scratch (a text not null);
alter table scratch alter column a drop not null;`,
      RULE,
    );
  });

  it('accepts SET NOT NULL and other column changes', async () => {
    await expectClean(
      {
        '00001_t.sql': 'create table t (id bigint primary key, a text);',
        '00002_t.sql': "alter table t alter column a set not null, alter column a set default 'x';",
      },
      RULE,
    );
  });
});

function expectMessage(column: string): string {
  return `Column ${column} drops NOT NULL, so readers that expect a value will start getting NULLs; make sure every client handles NULL first.`;
}
