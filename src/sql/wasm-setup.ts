// Prepares the process for libpg-query's WASM module; imported before libpg-query is evaluated (it compiles the
// module as soon as it loads).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

// In the ESM bundle, the Emscripten loader finds libpg-query.wasm through `__dirname`, which ES modules lack:
// point it at the bundle's folder, where scripts/build.mjs copies the .wasm. (`globalThis.__KODO_BUNDLED__` is
// replaced by `true` at build time, so it must be spelled exactly so.)
if (globalThis.__KODO_BUNDLED__ === true) {
  const scope = globalThis as { __dirname?: string };
  scope.__dirname ??= path.dirname(fileURLToPath(import.meta.url));
}

// A lint run is short: V8's optimising tier-up of the 1 MB parser costs more than it saves (cold parse of 1,000
// files: ~600 ms with tier-up, ~150 ms baseline-only). `restoreWasmTiering` runs once the module is compiled,
// so other WASM (PGlite) still gets the optimising compiler.
v8.setFlagsFromString('--liftoff-only');

export function restoreWasmTiering(): void {
  v8.setFlagsFromString('--no-liftoff-only');
}
