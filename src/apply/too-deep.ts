// The embedded database is Postgres compiled to WASM, whose stack is far smaller than a server's, and Postgres's
// own stack check cannot see it: an expression nested past about 1,500 levels is skipped without an error (an
// INSERT inserts nothing, a CREATE TABLE … AS creates nothing), and the file would be recorded as applied. Such a
// statement is refused before it runs, with the limit and what to do.
import type { LoadedMigration } from '../migrations/read.js';
import { loadParser, parseSql } from '../sql/parse.js';
import type { ApplyFailure } from './failure.js';

/** JSON levels of a parse tree (two per expression level): half the depth PGlite was measured to drop at. */
const MAX_TREE_DEPTH = 2000;

/** The failure for the first statement of `migration` nested too deeply for PGlite, or null. */
export async function tooDeepForPglite(migration: LoadedMigration): Promise<ApplyFailure | null> {
  // Cheap pre-check: a file without long runs of nesting cannot reach the limit (one level needs a few characters).
  if (migration.text.length < MAX_TREE_DEPTH) return null;
  await loadParser();
  const parsed = parseSql(migration.text);
  // A statement kodo's parser could not read for its depth is deeper still.
  const unread = parsed.errors.find((e) => e.tooDeep);
  const deep = parsed.statements.find((s) => !s.nested && treeDepth(s.ast) > MAX_TREE_DEPTH);
  const at = unread?.offset ?? deep?.start;
  if (at === undefined) return null;
  const { line, column } = parsed.source.position(at);
  const statement = migration.statements.findIndex((_s, i, all) => (all[i + 1]?.offset ?? Infinity) > at);
  return {
    file: migration.file,
    version: migration.version,
    line,
    column,
    sqlstate: '54001',
    message: `statement nests more deeply than the embedded database can run (about ${MAX_TREE_DEPTH / 2} levels; past that, Postgres in WASM skips it without an error)`,
    hint: 'Flatten the expression (a CTE, a helper function, an array), or check this migration on a real server with --db.',
    detail: null,
    statement: statement + 1,
  };
}

/** Depth of a JSON tree, with an explicit stack (the trees in question are the ones too deep to recurse on). */
function treeDepth(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const [value, depth] = frame;
    if (value === null || typeof value !== 'object') continue;
    if (depth > max) max = depth;
    for (const child of Object.values(value))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return max;
}
