// A small seedable random source (mulberry32): the same seed gives the same rows, so tests can assert values.
import { randomInt } from 'node:crypto';

export type Random = () => number;

export function seededRandom(seed: number = randomInt(2 ** 31)): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi], exact beyond 2^53 (bigint bounds), as text. */
export function intBetween(random: Random, lo: bigint, hi: bigint): string {
  const span = hi - lo + 1n;
  // Two draws give 64 random bits, enough for any int8 range.
  const bits = (BigInt(Math.floor(random() * 2 ** 32)) << 32n) | BigInt(Math.floor(random() * 2 ** 32));
  return String(lo + (bits % span));
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `n` lowercase letters and digits, starting with a letter (so the value also passes `^[a-z]` checks). */
export function token(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[Math.floor(random() * (i === 0 ? 26 : ALNUM.length))];
  return out;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
