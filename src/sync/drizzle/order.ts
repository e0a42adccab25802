// Where files that drizzle's own order does not cover go: hand-written .sql files beside generated ones.

/** The leading number of a file name (`0003` of `0003_fix.sql`), or null when it starts with no digit. */
export function numberPrefix(name: string): bigint | null {
  const m = /^\d+/.exec(name);
  return m ? BigInt(m[0]) : null;
}

/**
 * Number prefixes compared as numbers (so `3_x` and `0003_y` are neighbours whatever their width), then the
 * names code unit by code unit, which no locale changes.
 */
export function compareNames(a: string, b: string): number {
  const [na, nb] = [numberPrefix(a), numberPrefix(b)];
  if (na !== null && nb !== null && na !== nb) return na < nb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Placed<T> {
  item: T;
  /** True for an item of `extra`. */
  extra: boolean;
  /** For an extra item: the name of the listed item it follows, or null when it goes first. */
  after: string | null;
}

/**
 * Merges `extra` names into the `listed` order without moving any listed one. An extra name goes right after the
 * last listed name with the same number prefix; otherwise after the last listed name that sorts before it
 * (compareNames); otherwise first. Extras at the same place go in compareNames order.
 */
export function placeExtras<T>(
  listed: readonly T[],
  extra: readonly T[],
  nameOf: (item: T) => string,
): Placed<T>[] {
  const anchorOf = (name: string): number => {
    const n = numberPrefix(name);
    const same = n === null ? -1 : listed.findLastIndex((l) => numberPrefix(nameOf(l)) === n);
    return same >= 0 ? same : listed.findLastIndex((l) => compareNames(nameOf(l), name) < 0);
  };
  const byAnchor = new Map<number, T[]>();
  for (const e of extra) {
    const at = anchorOf(nameOf(e));
    byAnchor.set(at, [...(byAnchor.get(at) ?? []), e]);
  }
  const sorted = (at: number): T[] =>
    (byAnchor.get(at) ?? []).sort((a, b) => compareNames(nameOf(a), nameOf(b)));
  const out: Placed<T>[] = sorted(-1).map((item) => ({ item, extra: true, after: null }));
  listed.forEach((item, i) => {
    out.push({ item, extra: false, after: null });
    for (const e of sorted(i)) out.push({ item: e, extra: true, after: nameOf(item) });
  });
  return out;
}
