// Ignore comments: kodo's and squawk's forms, line and file scope, reasons, and what they do not cover.
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { noPrimaryKey } from '../../src/lint/rules/no-primary-key.js';
import { requireTableComment } from '../../src/lint/rules/require-table-comment.js';

async function found(text: string): Promise<string[]> {
  const run = await lint([{ path: 'supabase/migrations/00001_a.sql', text }], {
    rules: [noPrimaryKey, requireTableComment],
  });
  return run.findings.map((f) => `${f.line} ${f.rule}`);
}

describe('ignore comments', () => {
  it('cover the next statement, all its lines, and nothing after it', async () => {
    expect(
      await found(`-- kodo-ignore no-primary-key -- an append-only log
create table log (
  line text
);
create table other (line text);`),
    ).toEqual(['2 require-table-comment', '5 no-primary-key', '5 require-table-comment']);
  });

  it('cover the statement a trailing comment is on, and several rules at once', async () => {
    expect(
      await found(`create table log (line text); -- kodo-ignore no-primary-key, require-table-comment
create table other (line text);`),
    ).toEqual(['2 no-primary-key', '2 require-table-comment']);
  });

  it('accept squawk forms, block comments and a reason after a colon', async () => {
    expect(
      await found(`/* squawk-ignore no-primary-key */
create table a (x int);
-- squawk-ignore require-table-comment: documented elsewhere
create table b (x int primary key);`),
    ).toEqual(['2 require-table-comment']);
  });

  it('cover a whole file, for some rules or all', async () => {
    expect(
      await found(
        '-- kodo-ignore-file require-table-comment\ncreate table a (x int);\ncreate table b (x int);',
      ),
    ).toEqual(['2 no-primary-key', '3 no-primary-key']);
    expect(await found('create table a (x int);\n-- squawk-ignore-file\ncreate table b (x int);')).toEqual(
      [],
    );
  });

  it('do nothing without rule names on a line directive', async () => {
    expect(await found('-- kodo-ignore\ncreate table a (x int primary key);')).toEqual([
      '2 require-table-comment',
    ]);
  });
});
