// The `json` format: INTERFACES.md's `{ findings, summary }`, one document.
import type { LintResult } from '../engine.js';

export function toJson(result: LintResult): LintResult {
  return { findings: result.findings, summary: result.summary };
}

export function formatJson(result: LintResult): string {
  return `${JSON.stringify(toJson(result), null, 2)}\n`;
}
