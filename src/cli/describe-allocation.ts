// One phrase for a version's place, shared by `kodo allocate` and `kodo new`: "node range 00100-00199, schema".
import type { Allocation } from '../versions/allocate-version.js';

export function describeAllocation(a: Allocation): string {
  if (!a.range) return `timestamp, ${a.kind}`;
  return `${a.prefix ?? a.workspace} range ${a.range.start}-${a.range.end}, ${a.kind}`;
}
