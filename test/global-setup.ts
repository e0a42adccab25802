// Before any test: the PGlite snapshot every embedded and scratch database starts from is built (or found) once,
// the way a person's first kodo run builds it. Tests then never race to build it, and none sees the one-time
// "preparing the embedded Supabase database" line on stderr except the test that asks for it with an empty cache
// (test/cli/first-minutes.test.ts). The bundle under test computes the same cache key (same PGlite files, same
// shim), so one build serves the sources and the bundle alike.
import { assetDir } from '../src/db/assets.js';
import { loadSnapshot } from '../src/db/snapshot.js';

export default async function setup(): Promise<void> {
  await loadSnapshot(assetDir());
}
