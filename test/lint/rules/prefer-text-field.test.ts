import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'prefer-text-field';

describe(RULE, () => {
  it('flags varchar(n) in CREATE TABLE, at the type', async () => {
    await expectFindings('create table public.users (\n  email varchar(255) not null\n);', RULE, [
      {
        line: 2,
        column: 9,
        message:
          'Column public.users.email is character varying(255); use text with a CHECK (char_length(email) <= 255) constraint, because changing a varchar length later locks the table.',
      },
    ]);
  });

  it('flags character varying(n), pg_catalog.varchar(n), arrays, ADD COLUMN and ALTER COLUMN TYPE', async () => {
    await expectFindings(
      `create table t (id bigint primary key, a character varying(10), b pg_catalog.varchar(3), "Tag" varchar(5)[]);
alter table t add column c varchar(20);
alter table t alter column a type varchar(100);`,
      RULE,
      [
        { line: 1, column: 42 },
        { line: 1, column: 67 },
        {
          line: 1,
          column: 96,
          message:
            'Column public.t."Tag" is character varying(5)[]; use text, because changing a varchar length later locks the table.',
        },
        { line: 2, column: 28 },
        { line: 3, column: 35 },
      ],
    );
  });

  it('accepts text, varchar without a length, temporary tables and casts', async () => {
    await expectClean(
      `create table t (a text, b varchar, c text check (char_length(c) <= 10));
create temp table scratch (s varchar(10));
select 'x'::varchar(3);`,
      RULE,
    );
  });
});
