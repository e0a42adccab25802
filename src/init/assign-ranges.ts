// Ranges for workspaces init adds to the config: the language's default (TypeScript 00100-00199, Python
// 00200-00299, Rust 00300-00399) while it is free, else the next free hundred from 00500 up, so a second service
// of one language, or a language without a default, never shares a range.
import { KodoError } from '../core/errors.js';
import type { Range } from '../versions/ranges.js';
import { defaultRangeForLanguage, fmt, pad } from '../versions/ranges.js';

/** Above bootstrap, the three language defaults and the start of shared (00400). */
const FIRST_FREE_BLOCK = 500n;
const LAST_BLOCK = 99_900n;

const overlaps = (a: Range, b: Range) => BigInt(a.start) <= BigInt(b.end) && BigInt(b.start) <= BigInt(a.end);

/** Picks a range for `language` outside `taken`, and adds it to `taken`. */
export function assignRange(workspace: string, language: string, taken: Range[]): Range {
  const preferred = defaultRangeForLanguage(language);
  let range: Range | undefined =
    preferred && !taken.some((t) => overlaps(t, preferred)) ? { ...preferred } : undefined;
  for (let start = FIRST_FREE_BLOCK; range === undefined && start <= LAST_BLOCK; start += 100n) {
    const block = { start: pad(start, 5), end: pad(start + 99n, 5) };
    if (!taken.some((t) => overlaps(t, block))) range = block;
  }
  if (range === undefined) {
    throw new KodoError(
      'range-full',
      `No hundred-version range is free for workspace "${workspace}" (taken: ${taken.map(fmt).join(', ')}); give it a serviceRange in .kodo/config.json by hand.`,
    );
  }
  taken.push(range);
  return range;
}
