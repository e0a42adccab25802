// Phase timings for performance work. With KODO_TIMING=1, `mark` prints on stderr the milliseconds since the
// process started and since the previous mark, and `tally` adds up time per key (printed by `printTallies`,
// most expensive first). When off, both cost one boolean test.
export const timingOn = process.env['KODO_TIMING'] === '1';
let last = 0;
const tallies = new Map<string, number>();

export function mark(label: string): void {
  if (!timingOn) return;
  const now = performance.now();
  process.stderr.write(
    `[timing] ${now.toFixed(1).padStart(7)} ms  +${(now - last).toFixed(1).padStart(6)}  ${label}\n`,
  );
  last = now;
}

/** Wraps `fn` so that its time adds up under `key` (only call when `timingOn`). */
export function tally<A extends unknown[], R>(key: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    const start = performance.now();
    try {
      return fn(...args);
    } finally {
      tallies.set(key, (tallies.get(key) ?? 0) + performance.now() - start);
    }
  };
}

export function printTallies(top = 25): void {
  if (!timingOn || tallies.size === 0) return;
  const rows = [...tallies].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, ms] of rows) process.stderr.write(`[timing] ${ms.toFixed(1).padStart(7)} ms  ${key}\n`);
  tallies.clear();
}
