// MCP tool `validate_migrations`: static lint of migration files, a folder, or SQL not written yet (kodo lint).
import { z } from 'zod';
import { lintProject } from '../../lint/project.js';
import { toJson } from '../../lint/report/json.js';
import { defineTool } from '../define.js';
import { findingSchema } from './migration-schemas.js';

const MB = 1024 * 1024;
/** Inline SQL is for a migration being written; anything larger belongs in a file (the transport takes 16 MB). */
const SQL_LIMIT = 4 * MB;

export const validateMigrationsTool = defineTool({
  name: 'validate_migrations',
  title: 'Validate migrations (static lint)',
  description: `Lint Supabase migrations from the files alone, without a database: syntax errors (with line and column, also inside PL/pgSQL function and DO bodies), RLS and policy gaps (tables exposed without RLS, RLS without policies, missing commands), unindexed foreign keys, foreign keys without ON DELETE, missing primary keys, hardcoded secrets and UUIDs, file names and versions the Supabase CLI would skip or mis-order, plus lock-safety and Supabase rules. Every migration is replayed in version order into a schema model, so a table created two files earlier, RLS enabled in a later file, or a policy created inside a DO block, is taken into account.

Call it before writing a migration file: pass the SQL as \`sql\` (linted as if appended after the existing migrations) and fix every error-level finding first. Call it with no arguments to check supabase/migrations, or with \`paths\` (files or folders relative to the project root; a named file is checked with the earlier migrations of its folder as context). Read-only.

Findings carry rule, severity, file, line, column, message and help. A finding may be waived in SQL with \`-- kodo-ignore <rule> -- reason\` on the line before the statement; rules and severities are configured in .kodo/config.json lint.rules.`,
  inputSchema: {
    paths: z
      .array(z.string())
      .optional()
      .describe('Migration files or folders, relative to the project root. Default: supabase/migrations.'),
    sql: z
      .string()
      .max(
        SQL_LIMIT,
        `sql is over ${SQL_LIMIT / MB} MB; write the migration to a file and pass its path in paths.`,
      )
      .optional()
      .describe('SQL of a migration not written yet; linted after the existing migrations.'),
    name: z
      .string()
      .optional()
      .describe('File name for `sql`, e.g. 00104_node_add_orders.sql (default: next version, _pending.sql).'),
  },
  outputSchema: {
    findings: z.array(findingSchema),
    summary: z.object({
      files: z.number().int(),
      statements: z.number().int(),
      errors: z.number().int(),
      warnings: z.number().int(),
      infos: z.number().int(),
    }),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (input, ctx) => {
    // Checked here, passed on as given: the linter resolves them the same way and names them as the agent did.
    for (const [i, p] of (input.paths ?? []).entries()) ctx.path(p, `paths[${i}]`);
    return toJson(
      await lintProject({ cwd: ctx.cwd, paths: input.paths, sql: input.sql, sqlName: input.name }),
    );
  },
});
