// MCP tool `diff_schema`: `kodo diff` (and, with dump, `kodo dump`): the migration between two schema states, or
// the SQL that recreates one, each proven on a throwaway database before it is returned or written.
import { z } from 'zod';
import { KodoError } from '../../core/errors.js';
import { runDiff } from '../../diff/diff.js';
import { runDump } from '../../diff/dump.js';
import { diffResultShape } from '../../diff/result.js';
import { Project } from '../../project/project.js';
import { defineTool } from '../define.js';

const state = z
  .string()
  .optional()
  .describe(
    '"migrations" (supabase/migrations replayed on a throwaway database), "schemas" (supabase/schemas/**/*.sql or [db.migrations] schema_paths), "embedded" (the dev database .kodo/db) or a postgres:// URL (read only).',
  );

export const diffSchemaTool = defineTool({
  name: 'diff_schema',
  title: 'Diff two schema states into a verified migration',
  description:
    'Compute the migration that turns one schema state into another — tables, columns, constraints, indexes, types, sequences, functions, views, triggers (also on auth.users), RLS policies (also on storage.objects), grants including column privileges, default privileges, publications, comments — in an order Postgres accepts, and prove it: the SQL is applied to the "from" state on a throwaway database and the result compared with "to"; `verified` is true only when they are equal, otherwise `remaining` lists what still differs and nothing is written. Use it after the user edits supabase/schemas (declarative schemas) or changes the embedded dev database by hand, instead of writing the migration by hand; with name, the verified SQL is written as a new migration through create_migration (hybrid ranges and the even/odd rule apply). Default from "migrations" to "schemas" when that folder exists, else to "embedded". Equal states give an empty sql (no perpetual grants, no re-created functions). `destructive` names the steps that lose data (dropped tables or columns, narrowed types; a rename shows as a drop and an add). With dump: true, returns the SQL that recreates `from` from an empty Supabase database (kodo dump), verified the same way.',
  inputSchema: {
    from: state,
    to: state,
    name: z
      .string()
      .optional()
      .describe(
        'Write the verified SQL as a new migration with this name (snake_case), like `supabase db diff -f`.',
      ),
    workspace: z
      .string()
      .optional()
      .describe('Hybrid mode: the workspace whose range the new migration takes.'),
    dump: z
      .boolean()
      .optional()
      .describe(
        'True: return the SQL that recreates `from` from an empty Supabase database (to and name must be absent).',
      ),
  },
  outputSchema: diffResultShape,
  // Writes only a new migration file (never overwrites one, never changes a database): not read-only, not
  // destructive; not idempotent, as each call with a name writes another file. Open world: a URL names a server.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async ({ from, to, name, workspace, dump }, ctx) => {
    const project = new Project(ctx.cwd);
    if (!dump) return runDiff(project, { from, to, name, workspace, signal: ctx.signal });
    if (to !== undefined || name !== undefined) {
      throw new KodoError('invalid-option', 'dump recreates one state: give only from (and no to or name).');
    }
    const d = await runDump(project, { from, signal: ctx.signal });
    return {
      ...d,
      from: 'an empty Supabase database',
      to: d.from,
      differences: [],
      path: null,
      destructive: [],
    };
  },
  verdict: (r) => ({
    headline: `${r.verified ? 'verified' : 'failed'}: ${r.differences.length} difference(s) from ${r.from} to ${r.to}${r.path ? `; wrote ${r.path}` : ''}.`,
  }),
});
