// From a failed check's facts to values to try, best first: first one assignment that honours every fact at
// once, then each column's other candidates one at a time (for checks whose branches are alternatives).
import type { ColumnInfo } from '../../catalog/types.js';
import type { Bound, CheckFacts, ColumnFacts } from './check-facts.js';
import { intBetween, type Random, token } from './random.js';
import { likeExample, regexExample } from './regex.js';
import { baseTypeOf, INTEGER_RANGES, makeValue, oneElement, ranked } from './values.js';

/** Values to set, by column (null: set the column to NULL). */
export type Assignment = Record<string, string | null>;

const MAX_REPAIRS = 16;
const NUMERIC = new Set(['numeric', 'float4', 'float8', 'money']);
const TEXT = new Set(['text', 'varchar', 'bpchar', 'citext', 'name']);
const TEMPORAL = new Set(['date', 'timestamp', 'timestamptz']);
/** A value of each kind jsonb_typeof names. */
const JSON_EXAMPLES: Record<string, string> = {
  array: '[]',
  object: '{}',
  string: '"kodo"',
  number: '1',
  boolean: 'true',
  null: 'null',
};
/** Open quantifiers repeat this often, in this order: a middle length, the shortest, then longer ones. */
const REPS = [4, 1, 0, 8, 16];

/**
 * Assignments to try for a failed check, over `columns` (those the generator may change). A column the check
 * reads but says nothing checkable about gets the alternatives its type has: other enum labels, both booleans,
 * a value where it was NULL, NULL where it may be.
 */
export function repairs(
  facts: CheckFacts,
  reads: string[],
  columns: ColumnInfo[],
  random: Random,
): Assignment[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const names = [...new Set([...facts.columns.keys(), ...reads])].filter((n) => byName.has(n));
  const options = new Map<string, Array<string | null>>();
  for (const name of names) {
    const column = byName.get(name)!;
    const values = dedupe(candidates(column, facts.columns.get(name), random));
    if (values.length > 0) options.set(name, values);
  }
  const together: Assignment = {};
  for (const [name, values] of options) together[name] = values[0]!;
  for (const [low, high] of facts.order) {
    const [a, b] = [byName.get(low), byName.get(high)];
    if (!a || !b) continue;
    const [lo, hi] = [ranked(a, 0), ranked(b, 1)];
    if (lo !== undefined && hi !== undefined) Object.assign(together, { [low]: lo, [high]: hi });
  }
  const out: Assignment[] = Object.keys(together).length > 0 ? [together] : [];
  for (const [name, values] of options) {
    for (const value of values.slice(1)) out.push({ [name]: value });
  }
  return out.slice(0, MAX_REPAIRS);
}

function dedupe(values: Array<string | null | undefined>): Array<string | null> {
  const out: Array<string | null> = [];
  for (const v of values) if (v !== undefined && !out.includes(v)) out.push(v);
  return out;
}

function candidates(
  column: ColumnInfo,
  f: ColumnFacts | undefined,
  random: Random,
): Array<string | null | undefined> {
  const base = baseTypeOf(column);
  const nullable = !column.notNull;
  const fresh = () => {
    try {
      return makeValue(column, random, 'key', '');
    } catch {
      return undefined;
    }
  };
  if (!f) {
    // Read by the check, nothing known: every label, both booleans, a value, NULL.
    if (base.array) return [oneElement(column, random), '{}', nullable ? null : undefined];
    const labels = column.enumLabels ?? (base.name === 'bool' ? ['true', 'false'] : []);
    return [...labels, fresh(), nullable ? null : undefined];
  }
  const out: Array<string | null | undefined> = [];
  if (f.jsonTypes.length > 0) {
    out.push(...f.jsonTypes.flatMap((t) => (JSON_EXAMPLES[t] === undefined ? [] : [JSON_EXAMPLES[t]!])));
  } else if (f.equals.length > 0) {
    const allowed = column.enumLabels ? f.equals.filter((v) => column.enumLabels!.includes(v)) : f.equals;
    const fitting = allowed.filter((v) => fits(v, f, column));
    out.push(...(fitting.length > 0 ? fitting : allowed));
  } else if (base.array) {
    out.push(...(f.nonEmpty ? [oneElement(column, random)] : ['{}', oneElement(column, random)]));
  } else if (column.enumLabels) {
    out.push(...column.enumLabels.filter((v) => !f.notEquals.includes(v)));
  } else if (base.name === 'bool') {
    out.push(...['true', 'false'].filter((v) => !f.notEquals.includes(v)));
  } else if (INTEGER_RANGES[base.name] || NUMERIC.has(base.name)) {
    out.push(...numbers(f, random, !!INTEGER_RANGES[base.name]));
  } else if (TEMPORAL.has(base.name)) {
    out.push(...temporals(f, base.name, column));
  } else if (TEXT.has(base.name)) {
    out.push(...texts(f, column, random));
  }
  if (f.notNull || out.length === 0) out.push(fresh());
  if (f.isNull && nullable) out.push(null);
  return out.filter((v) => v === null || v === undefined || !f.notEquals.includes(v));
}

/** Whether an allowed value also meets the check's lengths and numeric bounds (when those can be told here). */
function fits(value: string, f: ColumnFacts, column: ColumnInfo): boolean {
  const length = [...value].length;
  if (f.minLength !== undefined && length < f.minLength) return false;
  if (f.maxLength !== undefined && length > f.maxLength) return false;
  if (column.maxLength !== null && length > column.maxLength) return false;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) return true;
  const lo = f.lower.filter((b) => Number.isFinite(Number(b.value)));
  const hi = f.upper.filter((b) => Number.isFinite(Number(b.value)));
  return (
    lo.every((b) => (b.strict ? n > Number(b.value) : n >= Number(b.value))) &&
    hi.every((b) => (b.strict ? n < Number(b.value) : n <= Number(b.value)))
  );
}

/** The tightest numeric bound of a side, moved inside by one for a strict comparison on integers. */
function tightest(bounds: Bound[], side: 'lower' | 'upper', integer: boolean): number | undefined {
  let best: number | undefined;
  for (const b of bounds) {
    const n = Number(b.value);
    if (b.value.trim() === '' || !Number.isFinite(n)) continue;
    const step = b.strict ? (integer ? 1 : 0.5) : 0;
    const v = side === 'lower' ? n + step : n - step;
    if (best === undefined || (side === 'lower' ? v > best : v < best)) best = v;
  }
  return best;
}

function numbers(f: ColumnFacts, random: Random, integer: boolean): string[] {
  const lo = tightest(f.lower, 'lower', integer);
  const hi = tightest(f.upper, 'upper', integer);
  if (lo !== undefined && hi !== undefined) {
    if (lo > hi) return [String((lo + hi) / 2)];
    const inside =
      integer && Number.isSafeInteger(lo) && Number.isSafeInteger(hi)
        ? intBetween(random, BigInt(lo), BigInt(hi))
        : String((lo + hi) / 2);
    return [inside, String(lo), String(hi)];
  }
  if (lo !== undefined) {
    return integer && Number.isSafeInteger(lo)
      ? [intBetween(random, BigInt(lo), BigInt(lo) + 999n), String(lo)]
      : [String(lo + 1)];
  }
  if (hi !== undefined) return [String(hi), String(Math.min(hi, 1))];
  return [];
}

/** Dates and timestamps: the bound constants themselves (a day inside for a strict one), or days around now. */
function temporals(f: ColumnFacts, name: string, column: ColumnInfo): Array<string | undefined> {
  const shift = (value: string, days: number) => {
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return value;
    const moved = new Date(d.getTime() + days * 86_400_000).toISOString();
    return name === 'date' ? moved.slice(0, 10) : moved;
  };
  const out: Array<string | undefined> = [];
  for (const b of f.lower) out.push(b.value === 'now' ? ranked(column, 1) : shift(b.value, b.strict ? 1 : 0));
  for (const b of f.upper)
    out.push(b.value === 'now' ? ranked(column, -1) : shift(b.value, b.strict ? -1 : 0));
  return out;
}

/** Text: an example of each pattern, in lengths the check and the column allow; else a token of such a length. */
function texts(f: ColumnFacts, column: ColumnInfo, random: Random): string[] {
  const min = f.minLength ?? 0;
  const max = Math.min(f.maxLength ?? Infinity, column.maxLength ?? Infinity);
  const ok = (s: string | undefined): s is string =>
    s !== undefined && [...s].length >= min && [...s].length <= max;
  const out: string[] = [];
  for (const pattern of f.regexes) out.push(...REPS.map((r) => regexExample(pattern, random, r)).filter(ok));
  for (const pattern of f.likes) out.push(...REPS.map((r) => likeExample(pattern, random, r)).filter(ok));
  if (f.regexes.length === 0 && f.likes.length === 0 && max >= min) {
    out.push(token(random, Math.max(1, Math.min(Math.max(min, 12), max))));
  }
  return out;
}
