// `node --import tsx --import ./scripts/sql-loader.mjs x.ts`: lets TypeScript scripts import .sql files as text,
// as the bundle (esbuild text loader) and the tests (vitest plugin) do.
import { register } from 'node:module';

register('./sql-hooks.mjs', import.meta.url);
