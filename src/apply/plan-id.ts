// The planId binding an approved dry run to what is actually applied: target plus the exact pending files.
import { createHash } from 'node:crypto';

/** sha256 over the target label and each pending (version, file sha256), in apply order. */
export function planIdFor(target: string, pending: Array<{ version: string; sha256: string }>): string {
  const hash = createHash('sha256').update(`kodo-plan-v1\n${target}\n`);
  for (const p of pending) hash.update(`${p.version} ${p.sha256}\n`);
  return hash.digest('hex').slice(0, 32);
}
