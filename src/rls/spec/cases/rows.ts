// Judging which rows a persona reached (saw, changed or deleted) against a `rows` expectation: exactly these
// fixtures, this many rows, or any / none. A refusal reaches no rows; any other error fails the case.
import type { DatabaseErrorInfo } from '../../../db/database.js';
import type { Case, RowsExpected } from '../model.js';
import {
  deniedText,
  errorText,
  expectedText,
  failedText,
  isRefusal,
  namesText,
  notAccess,
  rowsText,
} from './outcome.js';

export type Reach =
  /** `refused`: rows tried one by one that access rules refused (`alice_doc: 42501 …`), for the detail. */
  | { ok: true; names: string[]; total: number; refused?: string[] }
  | { ok: false; refused: DatabaseErrorInfo }
  | { ok: false; error: DatabaseErrorInfo; what: string };

/** A statement that failed: refused by access rules, or an error that says nothing about access. */
export function notReached(error: DatabaseErrorInfo, what: string): Reach {
  return isRefusal(error) ? { ok: false, refused: error } : { ok: false, error, what };
}

export type Verdict = Pick<Case, 'expected' | 'actual' | 'pass' | 'detail'>;

/** `verb`: what reaching a row is called in a sentence: "sees", "can change", "can delete". */
export function judgeRows(expected: RowsExpected, reach: Reach, persona: string, verb: string): Verdict {
  const wanted = expectedText(expected);
  if (!reach.ok && 'error' in reach) {
    return {
      expected: wanted,
      actual: failedText(reach.error),
      pass: false,
      detail: notAccess(reach.what, reach.error),
    };
  }
  const names = reach.ok ? reach.names : [];
  const total = reach.ok ? reach.total : 0;
  let pass: boolean;
  let actual: string;
  if ('fixtures' in expected) {
    pass = names.length === expected.fixtures.length && names.every((n) => expected.fixtures.includes(n));
    actual = namesText(names);
  } else {
    pass = 'count' in expected ? total === expected.count : total > 0 === expected.any;
    actual = rowsText(total);
  }
  if (!reach.ok) actual = deniedText(reach.refused);
  const why = reach.ok
    ? (reach.refused ?? []).map((r) => `; refused ${r}`).join('')
    : `; it was refused (${errorText(reach.refused)})`;
  return {
    expected: wanted,
    actual,
    pass,
    detail: pass ? '' : explain(expected, names, total, persona, verb) + why,
  };
}

function explain(
  expected: RowsExpected,
  names: string[],
  total: number,
  persona: string,
  verb: string,
): string {
  if (!('fixtures' in expected)) {
    const which = names.length > 0 ? ` (fixtures among them: ${names.join(', ')})` : '';
    return `${persona} ${verb} ${rowsText(total)}${which}; the spec expects ${expectedText(expected)}`;
  }
  const extra = names.filter((n) => !expected.fixtures.includes(n));
  const missing = expected.fixtures.filter((n) => !names.includes(n));
  const parts = [
    ...(extra.length > 0 ? [`${persona} ${verb} ${extra.join(', ')}, which the spec does not list`] : []),
    ...(missing.length > 0 ? [`${persona} ${negate(verb)} ${missing.join(', ')}, which the spec lists`] : []),
  ];
  return parts.join('; ');
}

const negate = (verb: string): string =>
  verb === 'sees' ? 'does not see' : verb.replace(/^can /, 'cannot ');
