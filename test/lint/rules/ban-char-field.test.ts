import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'ban-char-field';

describe(RULE, () => {
  it('flags char(n) columns, at the type', async () => {
    await expectFindings('create table public.countries (\n  code char(2) primary key\n);', RULE, [
      {
        line: 2,
        column: 8,
        message: 'Column public.countries.code is character(2), which pads values with spaces; use text.',
      },
    ]);
  });

  it('flags character, bpchar, ADD COLUMN and ALTER COLUMN TYPE', async () => {
    await expectFindings(
      `create table t (id bigint primary key, a character, b bpchar, c character(3));
alter table t add column d char(4);
alter table t alter column b type char(10);`,
      RULE,
      [
        {
          line: 1,
          column: 42,
          message: 'Column public.t.a is character(1), which pads values with spaces; use text.',
        },
        { line: 1, column: 55 },
        { line: 1, column: 65 },
        { line: 2, column: 28 },
        { line: 3, column: 35 },
      ],
    );
  });

  it('accepts text, varchar, the internal "char" type and temporary tables', async () => {
    await expectClean(
      `create table t (a text, b varchar(3), c "char");
create temp table scratch (code char(2));
select 'x'::char(3);`,
      RULE,
    );
  });
});
