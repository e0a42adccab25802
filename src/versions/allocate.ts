// Choosing the next migration version: pure functions over the versions already present.
import { KodoError } from '../core/errors.js';
import { compareVersions } from './grammar.js';
import { fmt, inRange, pad, type Range } from './ranges.js';

export const MIGRATION_KINDS = ['schema', 'behavior'] as const;
export type MigrationKind = (typeof MIGRATION_KINDS)[number];

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
      `Range ${fmt(range)} of workspace "${workspace}" has no free ${kind} version after ${highest === undefined ? 'its start' : pad(highest, width)}; give the workspace a new, larger serviceRange in .kodo/config.json.`,
    );
  }
  return pad(next, width);
}

/**
 * A 14-digit UTC timestamp version that sorts after every existing version (kodo's string order), even when
 * the clock is behind the newest file: then it is that file's timestamp plus one second.
 */
export function nextTimestampVersion(existing: Iterable<string>, now: Date = new Date()): string {
  const versions = [...existing];
  let candidate = BigInt(formatTimestamp(now));
  for (const v of versions) {
    if (v.length !== 14) continue;
    const n = BigInt(v);
    if (n >= candidate) candidate = bumpSecond(n);
  }
  const next = candidate.toString();
  const blocker = versions.find((v) => compareVersions(v, next) >= 0);
  if (blocker !== undefined || next.length !== 14) {
    throw new KodoError(
      'no-timestamp',
      `Version ${blocker ?? next} in supabase/migrations sorts after any timestamp, so a new timestamp migration would run before it; rename that file to a 14-digit timestamp version, or configure hybrid ranges in .kodo/config.json.`,
    );
  }
  return next;
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
  // An impossible date (month 13) rolls forward in Date.UTC; never let that produce a smaller number.
  const bumped = BigInt(formatTimestamp(new Date(d.getTime() + 1000)));
  return bumped > v ? bumped : v + 1n;
}
