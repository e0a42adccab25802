// How a case's outcome reads: "rows alice_doc", "1 row", "allowed", "denied (42501 new row violates…)". A refusal
// is what access rules do (42501: a missing grant or a row-level security policy; P0001: a trigger or function
// that raises); any other error means the case did not test access at all, and fails whatever it expected.
import type { DatabaseErrorInfo } from '../../../db/database.js';
import type { Case, Operation, RowsExpected, Target } from '../model.js';

export const isRefusal = (e: DatabaseErrorInfo): boolean => e.sqlstate === '42501' || e.sqlstate === 'P0001';

export const errorText = (e: DatabaseErrorInfo): string =>
  e.sqlstate ? `${e.sqlstate} ${e.message}` : e.message;

export const deniedText = (e: DatabaseErrorInfo): string => `denied (${errorText(e)})`;

export const failedText = (e: DatabaseErrorInfo): string => `error (${errorText(e)})`;

export function notAccess(what: string, e: DatabaseErrorInfo): string {
  return `${what} failed for a reason other than access (${errorText(e)}), so the case proves nothing; give values that satisfy the table's constraints`;
}

export const rowsText = (n: number): string => (n === 0 ? 'no rows' : n === 1 ? '1 row' : `${n} rows`);

export const namesText = (names: readonly string[]): string =>
  names.length === 0 ? 'no rows' : `${names.length === 1 ? 'row' : 'rows'} ${names.join(', ')}`;

export function expectedText(e: RowsExpected): string {
  if ('fixtures' in e) return namesText(e.fixtures);
  if ('count' in e) return rowsText(e.count);
  return e.any ? 'some rows' : 'no rows';
}

/** The fields every case has, around what the operation found. */
export function caseOf(
  spec: string,
  target: Target,
  persona: string,
  operation: Operation,
  verdict: Pick<Case, 'expected' | 'actual' | 'pass' | 'detail'>,
): Case {
  return {
    spec,
    table: target.label,
    persona,
    operation,
    ...verdict,
    detail: verdict.pass ? '' : verdict.detail,
  };
}
