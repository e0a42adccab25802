// Test helpers for lint rules that refuse misuse: expectFindings fails when nothing is found, expectClean on
// any finding of the rule, and both fail on a syntax error unless the test allows it.
import { expect } from 'vitest';
import { type LintInput, type LintOptions, lint } from '../../src/lint/engine.js';
import { rules } from '../../src/lint/rules/index.js';
import type { Finding } from '../../src/lint/types.js';

/** SQL of one migration, or files in any order: `{ '00001_a.sql': '…', '00002_b.sql': '…' }`. */
export type SqlOrFiles = string | Record<string, string>;

export interface ExpectedFinding {
  line: number;
  column: number;
  /** Checked when given. */
  message?: string;
  /** File name, checked when given (needed when the test has several files). */
  file?: string;
  /** Checked when given (a rule may raise or lower its default severity for one finding). */
  severity?: Finding['severity'];
}

export interface HelperOptions extends Pick<LintOptions, 'settings' | 'severities'> {
  /** The SQL is meant to contain a syntax error. */
  allowSyntaxErrors?: boolean;
}

export const TEST_FILE = 'supabase/migrations/20240101000000_test.sql';

function inputsOf(sql: SqlOrFiles): LintInput[] {
  if (typeof sql === 'string') return [{ path: TEST_FILE, text: sql }];
  return Object.entries(sql).map(([name, text]) => ({
    path: name.includes('/') ? name : `supabase/migrations/${name}`,
    text,
  }));
}

/** Runs one rule (on even if it is opt-in) and returns its findings; fails on unexpected syntax errors. */
export async function findingsOf(
  sql: SqlOrFiles,
  ruleId: string,
  options: HelperOptions = {},
): Promise<Finding[]> {
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`No registered rule "${ruleId}": add it to src/lint/rules/index.ts.`);
  const result = await lint(inputsOf(sql), {
    rules: [rule],
    settings: options.settings,
    // Opt-in rules are switched on; others keep their per-finding severities.
    severities: {
      ...(rule.enabledByDefault === false ? { [ruleId]: rule.severity } : {}),
      ...options.severities,
    },
  });
  const syntax = result.findings.filter((f) => f.rule === 'syntax-error');
  if (ruleId !== 'syntax-error' && !options.allowSyntaxErrors && syntax.length > 0) {
    throw new Error(
      `The test SQL has a syntax error (${syntax.map((f) => `${f.line}:${f.column} ${f.message}`).join('; ')}); fix it or pass allowSyntaxErrors.`,
    );
  }
  return result.findings.filter((f) => f.rule === ruleId);
}

/** Exactly these findings of `ruleId`, in order. An empty expectation is refused: use expectClean. */
export async function expectFindings(
  sql: SqlOrFiles,
  ruleId: string,
  expected: ExpectedFinding[],
  options: HelperOptions = {},
): Promise<Finding[]> {
  if (expected.length === 0)
    throw new Error('expectFindings needs at least one finding; use expectClean instead.');
  const found = await findingsOf(sql, ruleId, options);
  if (found.length === 0)
    throw new Error(`Rule ${ruleId} found nothing; expected ${expected.length} finding(s).`);
  const shape = (f: Finding, e: ExpectedFinding | undefined) => ({
    line: f.line,
    column: f.column,
    ...(e?.message !== undefined ? { message: f.message } : {}),
    ...(e?.file !== undefined ? { file: f.file.split('/').pop() } : {}),
    ...(e?.severity !== undefined ? { severity: f.severity } : {}),
  });
  expect(found.map((f, i) => shape(f, expected[i]))).toEqual(expected);
  for (const f of found) {
    // Message style: a sentence that says what is wrong and what to do.
    expect(f.message, `message of ${ruleId}`).toMatch(/^[A-Z"`].*[.]$/s);
  }
  return found;
}

/** No finding of `ruleId`. */
export async function expectClean(
  sql: SqlOrFiles,
  ruleId: string,
  options: HelperOptions = {},
): Promise<void> {
  const found = await findingsOf(sql, ruleId, options);
  expect(found.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([]);
}
