// The `text` format: `file:line:col severity [rule] message`, the source line with a caret (code-frame.ts), help,
// docs link, then a summary line.
import { ruleDocsUrl } from '../docs.js';
import type { LintRun } from '../engine.js';
import type { Finding } from '../types.js';
import { codeFrame } from './code-frame.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatFinding(run: LintRun, f: Finding): string {
  const out = [`${f.file}:${f.line}:${f.column} ${f.severity} [${f.rule}] ${f.message}`];
  const source = run.sources.get(f.file)?.lineText(f.line);
  if (source !== undefined) out.push(...codeFrame(source, f.line, f.column, f.rule));
  if (f.help) out.push(`  help: ${f.help}`);
  if (f.rule !== 'syntax-error') out.push(`  docs: ${ruleDocsUrl(f.rule)}`);
  return out.join('\n');
}

export function formatText(run: LintRun): string {
  const { summary } = run;
  const blocks = run.findings.map((f) => formatFinding(run, f));
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`;
  const checked = `${plural(summary.files, 'file')}, ${plural(summary.statements, 'statement')}`;
  const last =
    run.findings.length === 0 ? `No problems found (${checked}).` : `Found ${counts} (${checked}).`;
  return `${[...blocks, last].join('\n\n')}\n`;
}
