import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'require-table-comment';

describe(RULE, () => {
  it('flags a table without a comment', async () => {
    await expectFindings('create table public.tags (id bigint primary key);', RULE, [
      {
        line: 1,
        column: 1,
        message:
          "Table public.tags has no comment; add comment on table public.tags is '…' to say what it holds.",
      },
    ]);
  });

  it('accepts a comment written in a later migration', async () => {
    await expectClean(
      {
        '00001_a.sql': 'create table tags (id bigint primary key);',
        '00002_b.sql': "comment on table public.tags is 'Labels users attach to notes.';",
      },
      RULE,
    );
  });
});
