// Advisor findings for people: grouped by check (most severe first), each object with the migration that created
// it, the check's remedy and its page once per group. Used by `kodo advisors` and by `kodo check`.
import type { Skipped } from './advise.js';
import { lintUrl } from './catalog.js';
import { ADVISORS } from './checks/index.js';
import type { AdvisorFinding } from './types.js';

const ORDER = { error: 0, warning: 1, info: 2 };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One block per check that found something. */
export function formatFindings(findings: readonly AdvisorFinding[]): string[] {
  const groups = new Map<string, AdvisorFinding[]>();
  for (const f of [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity])) {
    groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  }
  return [...groups].map(([rule, group]) => {
    const advisor = ADVISORS.find((a) => a.id === rule);
    const first = group[0]!;
    const lines = [`${first.severity} [${rule}] ${first.category}: ${plural(group.length, 'finding')}`];
    for (const f of group) {
      lines.push(`  ${f.object}${f.file ? ` (${f.file}:${f.line}:${f.column})` : ''}`, `    ${f.message}`);
    }
    if (advisor) lines.push(`  help: ${advisor.help}`, `  docs: ${lintUrl(advisor.lint)}`);
    if (group.some((f) => !f.file)) lines.push(`  note: ${noFileNote(group)}`);
    return lines.join('\n');
  });
}

/** The sentence the runner adds to the help of a finding without a file. */
function noFileNote(group: AdvisorFinding[]): string {
  const help = group.find((f) => !f.file)?.help ?? '';
  return help.slice(help.indexOf('No migration file is named'));
}

/** `Found 1 error, 2 warnings, 0 infos on <target>.` or `No issues found on <target>.` */
export function summaryLine(findings: readonly AdvisorFinding[], target: string): string {
  if (findings.length === 0) return `No issues found on ${target}.`;
  const count = (s: AdvisorFinding['severity']) => findings.filter((f) => f.severity === s).length;
  return `Found ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')} on ${target}.`;
}

/** `Skipped unused-index and table-bloat: <reason>.`, one line per reason. */
export function skippedLines(skipped: readonly Skipped[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.rule]);
  return [...byReason].map(([reason, rules]) => `Skipped ${rules.join(', ')}: ${reason}.`);
}
