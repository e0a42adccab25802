// `kodo rls test --format markdown`: the matrix and the failures as a pull-request comment.
import type { RlsTestResult } from '../test-rls.js';
import { matrixRows } from './matrix-text.js';

const OPS = ['select', 'insert', 'update', 'delete'];
const ICON: Record<string, string> = {
  '✓': '✅',
  '·': '—',
  LEAK: '❌ leak',
  public: '🌐 public',
  '?': '❔',
  'no RLS': '❌ no RLS',
};

export function rlsMarkdown(r: RlsTestResult): string {
  const out = [
    `### kodo rls test: ${r.failed === 0 ? 'passed' : 'failed'}`,
    '',
    `${r.passed} passed, ${r.failed} failed, ${r.leaks.length} leak(s), ${r.unproven.length} table(s) not proven; ${r.target}.`,
    '',
  ];
  const rows = matrixRows(r);
  if (rows.length > 0) {
    out.push(
      `| table | ${OPS.map((o) => `authenticated ${o}`).join(' | ')} | ${OPS.map((o) => `anon ${o}`).join(' | ')} |`,
      `|---|${'---|'.repeat(8)}`,
    );
    for (const row of rows) {
      const cells = ['authenticated', 'anon'].flatMap((p) =>
        OPS.map((o) => ICON[row.marks.get(`${p}|${o}`) ?? '·'] ?? '—'),
      );
      out.push(`| \`${row.table}\` | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  if (r.leaks.length > 0) {
    out.push('**Leaks**', '');
    for (const l of r.leaks) {
      out.push(
        `- \`${l.table}\`: ${l.persona} ${l.operation}: ${l.detail}${l.policy ? ` (policy \`${l.policy}\`)` : ''}`,
      );
    }
    out.push('');
  }
  const failedSpecs = r.cases.filter((c) => !c.pass && c.source !== 'matrix');
  if (failedSpecs.length > 0) {
    out.push('**Failed expectations**', '');
    for (const c of failedSpecs) {
      out.push(
        `- ${c.source}: \`${c.table}\` ${c.persona} ${c.operation}: expected ${c.expected}, got ${c.actual}`,
      );
    }
    out.push('');
  }
  if (r.unproven.length > 0) {
    out.push('<details><summary>Not proven</summary>', '');
    for (const u of r.unproven) out.push(`- \`${u.table}\`: ${u.reason}`);
    out.push('', '</details>');
  }
  return out.join('\n').trimEnd();
}
