// The `github` format: GitHub Actions workflow commands, one annotation per finding.
import type { LintResult } from '../engine.js';
import type { Severity } from '../types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow-command escaping: data escapes %, CR, LF; properties also `:` and `,`. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(result: LintResult): string {
  return result.findings
    .map(
      (f) =>
        `::${COMMAND[f.severity]} file=${property(f.file)},line=${f.line},col=${f.column},title=${property(f.rule)}::${data(`${f.message} ${f.help}`.trim())}\n`,
    )
    .join('');
}
