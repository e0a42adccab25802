// The text and github formats, exactly.
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { formatGithub } from '../../src/lint/report/github.js';
import { formatText } from '../../src/lint/report/text.js';
import { noPrimaryKey } from '../../src/lint/rules/no-primary-key.js';

describe('text format', () => {
  it('shows file:line:col, the source line with a caret under the character, help and docs', async () => {
    const run = await lint(
      [{ path: 'supabase/migrations/00001_a.sql', text: "select 'é😀', 1;\nselect 'é😀' from from;" }],
      { rules: [noPrimaryKey] },
    );
    expect(formatText(run)).toBe(
      [
        'supabase/migrations/00001_a.sql:2:18 error [syntax-error] Syntax error at or near "from".',
        "  2 | select 'é😀' from from;",
        '    |                  ^',
        '  help: Fix the statement: Postgres rejects it, and the Supabase CLI stops at this migration.',
        '',
        'Found 1 error, 0 warnings, 0 infos (1 file, 1 statement).',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing is found', async () => {
    const run = await lint([{ path: 'a.sql', text: 'select 1;' }], { rules: [noPrimaryKey] });
    expect(formatText(run)).toBe('No problems found (1 file, 1 statement).\n');
  });

  it('links the rule docs', async () => {
    const run = await lint([{ path: '00001_a.sql', text: 'create table t (x int);' }], {
      rules: [noPrimaryKey],
    });
    expect(formatText(run)).toContain(
      '  docs: https://github.com/kodo-dev/kodo/blob/main/docs/rules/no-primary-key.md',
    );
  });
});

describe('github format', () => {
  it('writes one workflow command per finding, escaped', () => {
    const text = formatGithub({
      findings: [
        {
          rule: 'no-primary-key',
          severity: 'warning',
          file: 'a,b:c.sql',
          line: 3,
          column: 2,
          message: '100% wrong\nreally.',
          help: 'Fix.',
        },
        {
          rule: 'syntax-error',
          severity: 'error',
          file: 'x.sql',
          line: 1,
          column: 1,
          message: 'Bad.',
          help: '',
        },
        {
          rule: 'require-table-comment',
          severity: 'info',
          file: 'x.sql',
          line: 1,
          column: 1,
          message: 'Say.',
          help: '',
        },
      ],
      summary: { files: 2, statements: 0, errors: 1, warnings: 1, infos: 1 },
    });
    expect(text).toBe(
      [
        '::warning file=a%2Cb%3Ac.sql,line=3,col=2,title=no-primary-key::100%25 wrong%0Areally. Fix.',
        '::error file=x.sql,line=1,col=1,title=syntax-error::Bad.',
        '::notice file=x.sql,line=1,col=1,title=require-table-comment::Say.',
        '',
      ].join('\n'),
    );
  });
});
