// Loading libpg-query's WASM module: where the bundle finds it, and compiling it with V8's baseline tier only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

// The package has no `exports` map and its `main` is the CommonJS build: name the ES module build directly.
type LibPgQuery = typeof import('libpg-query/wasm/index.js');

/**
 * Imports and initialises libpg-query. A lint run is short: V8's optimising tier-up of the 1 MB parser costs more
 * than it saves (cold parse of 1,000 files: ~600 ms with tier-up, ~150 ms baseline-only), so the module is
 * compiled with `--liftoff-only`, which is switched off again at once so PGlite keeps the optimising compiler.
 * The import is dynamic so that nothing compiles before the flag is set.
 */
export async function importParser(): Promise<LibPgQuery> {
  // In the ESM bundle, the Emscripten loader finds libpg-query.wasm through `__dirname`, which ES modules lack:
  // point it at the bundle's folder, where scripts/build.mjs copies the .wasm. (`globalThis.__KODO_BUNDLED__` is
  // replaced by `true` at build time, so it must be spelled exactly so.)
  if (globalThis.__KODO_BUNDLED__ === true) {
    const scope = globalThis as { __dirname?: string };
    scope.__dirname ??= path.dirname(fileURLToPath(import.meta.url));
  }
  v8.setFlagsFromString('--liftoff-only');
  try {
    const lib = await import('libpg-query/wasm/index.js');
    await lib.loadModule();
    return lib;
  } finally {
    v8.setFlagsFromString('--no-liftoff-only');
  }
}
