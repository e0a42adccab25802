// Where PGlite's run-time files are: node_modules when running from source, beside dist/kodo.js in the bundle.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare global {
  /** Set to true by esbuild's `define` in scripts/build.mjs; undefined when running from source. */
  var __KODO_BUNDLED__: boolean | undefined;
}

/**
 * Extension tarballs shipped by PGlite that kodo loads: the ones Supabase offers too. Every name here must also be
 * in scripts/build.mjs `ASSETS` so the bundle carries it (test/db/assets.test.ts checks).
 */
export const EXTENSION_BUNDLES = [
  'vector',
  'pgcrypto',
  'uuid-ossp',
  'pg_trgm',
  'citext',
  'hstore',
  'ltree',
  'unaccent',
  'fuzzystrmatch',
  'btree_gin',
  'btree_gist',
  'pgtap',
  'pg_hashids',
  'intarray',
  'cube',
  'earthdistance',
  'seg',
  'isn',
  'lo',
  'tablefunc',
  'tcn',
  'tsm_system_rows',
  'tsm_system_time',
  'dict_int',
  'dict_xsyn',
  'bloom',
  'amcheck',
  'pageinspect',
  'pg_buffercache',
  'pg_freespacemap',
  'pg_surgery',
  'pg_visibility',
  'pg_walinspect',
  'postgres_fdw',
] as const;

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
