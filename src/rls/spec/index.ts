// RLS spec files: supabase/tests/rls/*.yaml|yml|json, loaded and checked (loadSpecs), then run on a database
// (runSpecs). The format is described in docs; schema.ts is its shape.
export { loadSpecs, SPEC_DIR } from './load.js';
export type { Case, LoadedSpec, Operation } from './model.js';
export { parseSpec } from './parse.js';
export { type RunOptions, runSpecs } from './run.js';
