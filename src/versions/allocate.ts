// Choosing the next migration version: pure functions over the versions already present.
import { KodoError } from '../core/errors.js';
import { fmt, inRange, pad, type Range } from './ranges.js';

export type MigrationKind = 'schema' | 'behavior';

/**
 * The next free version in `range` for `kind`: greater than every version already in the range
 * (gaps are never filled: a filled gap would sort before migrations databases have already applied),
 * even for schema migrations, odd for behaviour migrations.
 */
export function nextRangeVersion(
  existing: Iterable<string>,
  range: Range,
  kind: MigrationKind,
  workspace: string,
): string {
  const width = range.start.length;
  let highest: bigint | undefined;
  for (const v of existing) {
    if (!inRange(v, range)) continue;
    const n = BigInt(v);
    if (highest === undefined || n > highest) highest = n;
  }
  let next = highest === undefined ? BigInt(range.start) : highest + 1n;
  const wantOdd = kind === 'behavior';
  if ((next % 2n === 1n) !== wantOdd) next += 1n;
  if (next > BigInt(range.end)) {
    throw new KodoError(
      'range-full',
      `Range ${fmt(range)} of workspace "${workspace}" has no free ${kind} version after ${highest === undefined ? 'its start' : pad(highest, width)}; squash its migrations (kodo squash) or give the workspace a new serviceRange in .kodo/config.json.`,
    );
  }
  return pad(next, width);
}

/** A 14-digit UTC timestamp version, always greater than the newest existing version of that width. */
export function nextTimestampVersion(existing: Iterable<string>, now: Date = new Date()): string {
  let candidate = BigInt(formatTimestamp(now));
  for (const v of existing) {
    if (v.length !== 14) continue;
    const n = BigInt(v);
    if (n >= candidate) candidate = bumpSecond(n);
  }
  return candidate.toString();
}

export function formatTimestamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Adds one second to a YYYYMMDDHHMMSS value, rolling minutes, hours and days over correctly. */
function bumpSecond(v: bigint): bigint {
  const s = v.toString();
  const d = new Date(
    Date.UTC(
      +s.slice(0, 4),
      +s.slice(4, 6) - 1,
      +s.slice(6, 8),
      +s.slice(8, 10),
      +s.slice(10, 12),
      +s.slice(12, 14),
    ),
  );
  if (Number.isNaN(d.getTime())) return v + 1n;
  return BigInt(formatTimestamp(new Date(d.getTime() + 1000)));
}
