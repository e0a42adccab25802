// `kodo rls test` as text: the matrix, then the leaks (with the policy that allowed each), the failed spec
// cases, the tables kodo could not prove, and one verdict line that agrees with the exit code.
import type { RlsTestResult } from '../test-rls.js';
import { ANSI, matrixText, PLAIN, type TextStyle } from './matrix-text.js';

/** Colour only for a terminal, and never when NO_COLOR is set. */
export function styleFor(stream: { isTTY?: boolean }): TextStyle {
  return stream.isTTY && !process.env['NO_COLOR'] ? ANSI : PLAIN;
}

export function rlsText(r: RlsTestResult, style: TextStyle = PLAIN): string {
  const out: string[] = r.matrix
    ? [`RLS isolation matrix for ${r.target}:`, matrixText(r, style)]
    : [`RLS spec files on ${r.target} (the isolation matrix was not run):`];
  if (r.leaks.length > 0) {
    out.push(
      [
        style.red(`${r.leaks.length} leak(s):`),
        ...r.leaks.map(
          (l) =>
            `  ${l.table}: ${l.persona} ${l.operation}: ${l.detail}${l.policy ? `, via policy ${l.policy}` : ''}`,
        ),
      ].join('\n'),
    );
  }
  const failed = r.cases.filter((c) => !c.pass && c.source !== 'matrix');
  if (failed.length > 0) {
    out.push(
      [
        `${failed.length} spec case(s) failed:`,
        ...failed.map(
          (c) =>
            `  ${c.source}: ${c.table} ${c.persona} ${c.operation}: expected ${c.expected}, got ${c.actual}${c.detail ? ` (${c.detail})` : ''}`,
        ),
      ].join('\n'),
    );
  }
  if (r.unproven.length > 0) {
    out.push(
      ['Not proven (not counted as passing):', ...r.unproven.map((u) => `  ${u.table}: ${u.reason}`)].join(
        '\n',
      ),
    );
  }
  out.push(...r.warnings.map((w) => `warning: ${w}`));
  const specs = r.specs.length > 0 ? ` from ${r.specs.length} spec file(s) and the matrix` : '';
  const matrix = r.matrix
    ? `; ${r.tables.length} table(s) in the matrix, ${r.unproven.length} not proven`
    : '';
  const counts = `${r.passed} case(s) passed, ${r.failed} failed${r.matrix ? specs : ` from ${r.specs.length} spec file(s)`}${matrix}`;
  out.push(r.failed > 0 || r.leaks.length > 0 ? style.red(`failed: ${counts}.`) : `passed: ${counts}.`);
  return out.join('\n\n');
}
