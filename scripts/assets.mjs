// The files PGlite and libpg-query load at run time, which scripts/build.mjs copies beside dist/kodo.js.
import { readFileSync } from 'node:fs';

// The extension tarballs kodo loads (src/db/assets.ts reads the same list).
const extensionBundles = JSON.parse(
  readFileSync(new URL('../src/db/extension-bundles.json', import.meta.url), 'utf8'),
);

/** Paths relative to node_modules. */
export const ASSETS = [
  '@electric-sql/pglite/dist/pglite.wasm',
  '@electric-sql/pglite/dist/pglite.data',
  '@electric-sql/pglite/dist/initdb.wasm',
  ...extensionBundles.map((name) => `@electric-sql/pglite/dist/${name}.tar.gz`),
  'libpg-query/wasm/libpg-query.wasm',
];
