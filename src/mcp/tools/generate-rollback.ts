// MCP tool `generate_rollback`: `kodo rollback` — the verified reverse of one migration, written as a new migration,
// with the honest list of what it cannot undo.
import { z } from 'zod';
import { Project } from '../../project/project.js';
import { rollbackResultShape } from '../../rollback/result.js';
import { runRollback } from '../../rollback/rollback.js';
import { defineTool } from '../define.js';

export const generateRollbackTool = defineTool({
  name: 'generate_rollback',
  title: 'Generate the verified rollback of a migration',
  description:
    "Write the reverse of one migration as a new forward migration (`<version>_rollback_<name>.sql`; in hybrid mode in the migration's own service range), planned by kodo's diff engine from the schema after the file back to the schema before it (policies, RLS flags, triggers, functions with their overloads, views, indexes, constraints, columns, tables, enums, grants, defaults; renames are walked back by their reverse statements so no column loses its values). It is proven before it is written: on a throwaway database the migrations before the file, the file and the rollback must give the schema they had before the file, and the whole folder must still apply with the rollback where its version sorts; otherwise `verified` is false, `remaining` says what differed and nothing is written. `irreversible` lists, with the line in the migration, what no rollback can undo — rows deleted by DROP TABLE / DROP COLUMN / DELETE / TRUNCATE, values changed by UPDATE or a type change, enum values added, sequences advanced, calls with side effects (cron.schedule, net.http_post, vault secrets) — tell the user about each. `destructive` lists what the rollback itself removes (objects the migration added, with rows written since). dryRun: true returns the SQL without writing. To roll back the development database itself, the user runs `kodo down`.",
  inputSchema: {
    file: z
      .string()
      .describe('The migration to roll back: its version, file name or path under supabase/migrations.'),
    dryRun: z.boolean().optional().describe('Plan and verify, but write no file.'),
  },
  outputSchema: rollbackResultShape,
  // Writes only a new migration file, never overwrites one, never changes a database: not read-only, not
  // destructive; not idempotent (each call writes another file). Closed world: only the project and throwaways.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  handler: async ({ file, dryRun }, ctx) =>
    runRollback(new Project(ctx.cwd), { file, dryRun: dryRun ?? false, signal: ctx.signal }),
  verdict: (r) =>
    r.verified
      ? {
          headline: `verified: rollback of ${r.file}${r.path ? `; wrote ${r.path}` : r.dryRun ? ' (dry run: nothing written)' : ' (nothing to roll back)'}; ${r.irreversible.length} irreversible step(s).`,
        }
      : {
          isError: true,
          headline: `failed: the rollback of ${r.file} did not verify (${r.remaining.slice(0, 2).join('; ')}); nothing was written.`,
        },
});
