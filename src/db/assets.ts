// Where PGlite's run-time files are: node_modules when running from source, beside dist/kodo.js in the bundle.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import extensionBundles from './extension-bundles.json' with { type: 'json' };

declare global {
  /** Set to true by esbuild's `define` in scripts/build.mjs; undefined when running from source. */
  var __KODO_BUNDLED__: boolean | undefined;
}

/**
 * Extension tarballs shipped by PGlite that kodo loads: the ones Supabase offers too. scripts/build.mjs reads the
 * same list to copy them beside the bundle.
 */
export const EXTENSION_BUNDLES: readonly string[] = extensionBundles;

/** The folder holding pglite.wasm, pglite.data and the extension tarballs. */
export function resolveAssetDir(bundled: boolean, moduleUrl: string): string {
  if (bundled) return fileURLToPath(new URL('.', moduleUrl));
  // PGlite's own imports find their files relative to themselves; kodo reads the same folder.
  return path.dirname(createRequire(moduleUrl).resolve('@electric-sql/pglite'));
}

let cached: string | undefined;

export function assetDir(): string {
  cached ??= resolveAssetDir(globalThis.__KODO_BUNDLED__ === true, import.meta.url);
  return cached;
}

export function extensionBundlePath(dir: string, name: string): string {
  return path.join(dir, `${name}.tar.gz`);
}

export function wasmPath(dir: string): string {
  return path.join(dir, 'pglite.wasm');
}
