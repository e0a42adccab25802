import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint/engine.js';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'unknown-rule';

describe(RULE, () => {
  it('points at the unknown name in an ignore comment', async () => {
    await expectFindings(
      '-- kodo-ignore no-primary-key, no-such-rule -- reason\ncreate table t (x int);',
      RULE,
      [
        {
          line: 1,
          column: 32,
          message:
            'Unknown rule "no-such-rule" in an ignore comment; use a rule id from kodo\'s rule list or remove it.',
        },
      ],
    );
  });

  it('accepts squawk rule ids in squawk-ignore comments and aliases everywhere', async () => {
    await expectClean(
      '-- squawk-ignore require-lock-timeout, ban-drop-column\n-- kodo-ignore-file no-primary-key\nselect 1;',
      RULE,
    );
  });

  it('reports unknown names in lint.rules at their line in the config file', async () => {
    const text =
      '{\n  "lint": {\n    "rules": { "no-primary-key": "off", "no-such-rule": "error" }\n  }\n}\n';
    const result = await lint(
      [{ path: 'supabase/migrations/00001_a.sql', text: 'create table t (x int);' }],
      {
        severities: { 'no-primary-key': 'off', 'no-such-rule': 'error' },
        configFile: { path: '.kodo/config.json', text },
      },
    );
    expect(result.findings.map((f) => [f.rule, f.file, f.line, f.column])).toContainEqual([
      RULE,
      '.kodo/config.json',
      3,
      42,
    ]);
    expect(result.findings.some((f) => f.rule === 'no-primary-key')).toBe(false);
  });
});
