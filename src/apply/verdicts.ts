// The one line a reader of a migration tool's answer can stop at; it must agree with the structured result.
import type { CheckResult } from './check.js';
import type { ApplyFailure } from './failure.js';
import type { UpResult } from './up.js';

function where(f: ApplyFailure): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message}`;
}

/** `passed: …` exactly when the check's `ok` holds, `failed: …` with every reason otherwise. */
export function checkVerdict(
  r: Pick<CheckResult, 'ok' | 'target' | 'total' | 'applied' | 'failure' | 'cancelled' | 'findings'> & {
    seeded?: string[];
    rls?: CheckResult['rls'];
  },
): string {
  if (r.ok) {
    const below = r.findings.length > 0 ? `; ${r.findings.length} finding(s) below error level` : '';
    const seeds = r.seeded?.length ? ` with ${r.seeded.length} seed file(s)` : '';
    const rls = r.rls ? `; the RLS access diff of ${r.rls.files.length} file(s) opens no leak` : '';
    return `passed: all ${r.total} migration(s) apply on ${r.target}${seeds}${below}${rls}.`;
  }
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const problems = [
    ...(r.cancelled ? [`cancelled after ${r.applied} of ${r.total} migration(s) (nothing is kept)`] : []),
    ...(r.failure ? [`${where(r.failure)} (${r.applied} of ${r.total} migration(s) applied before it)`] : []),
    ...(errors > 0 ? [`${errors} error finding(s)`] : []),
    ...(r.rls && r.rls.open.length > 0
      ? [`${r.rls.open.length} RLS leak(s) opened by the new migrations`]
      : []),
  ];
  return `failed: ${problems.join('; ')}.`;
}

/** An apply that stopped on a failed file did not do what was asked: the tool answers isError. */
export function applyVerdict(
  r: Pick<UpResult, 'target' | 'applied' | 'pending' | 'failure' | 'cancelled' | 'refused' | 'findings'>,
): { isError: boolean; line: string | undefined } {
  const done = `${r.applied.length} applied${r.applied.length > 0 ? ` (${r.applied.join(', ')})` : ''}`;
  const left = `${r.pending.length} pending${r.pending.length > 0 ? ` (${r.pending.join(', ')})` : ''}`;
  if (r.refused) {
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    return {
      isError: true,
      line: `failed: ${errors} error finding(s) in the pending files, nothing applied on ${r.target}; fix them (or pass noVerify once you are sure they are wrong).`,
    };
  }
  if (r.failure) {
    return {
      isError: true,
      line: `failed: ${where(r.failure)}; it was rolled back, ${done}, ${left} on ${r.target}.`,
    };
  }
  if (r.cancelled) return { isError: false, line: `cancelled: ${done}, ${left} on ${r.target}.` };
  return { isError: false, line: undefined };
}
