// MCP tool `check_migrations`: replays every migration on a fresh throwaway database (kodo check).
import { z } from 'zod';
import { checkMigrations } from '../../apply/check.js';
import { checkVerdict } from '../../apply/verdicts.js';
import { defineTool } from '../define.js';
import { failureSchema, findingSchema, textList } from './migration-schemas.js';
import { accessChangeSchema } from './rls-schemas.js';

export const checkMigrationsTool = defineTool({
  name: 'check_migrations',
  title: 'Check migrations',
  description:
    'Lint every file in supabase/migrations (the same findings as validate_migrations), then apply them all, in order, to a fresh throwaway database (in-memory by default; with db set to a server, a scratch database created and dropped there) and report the first failure precisely: file, line, column, SQLSTATE, message, hint; then the seed files (supabase/seed.sql), then the catalog advisors on the applied schema (the checks of get_advisors; a finding with `object` comes from them, reported only when the lint did not already report that rule on that object). Fails when a file does not apply or a finding is an error. On a server, migrations that change roles, databases or settings outside the scratch database are refused until the user approves them (planId). Run it after writing a migration and before apply_migrations: after an edit of the newest file it replays only that file.',
  inputSchema: {
    db: z
      .string()
      .optional()
      .describe(
        'Where the throwaway database lives: "memory" (default), "local", a postgres:// URL or a libpq key=value string.',
      ),
    noSeed: z
      .boolean()
      .optional()
      .describe(
        'Skip the seed files (supabase/seed.sql or [db.seed] sql_paths), which run after the migrations.',
      ),
    rls: z
      .boolean()
      .optional()
      .describe(
        'Also run the RLS access diff of the new migrations (those the embedded database has not applied), as test_rls with diffSince does: a leak they leave open fails the check.',
      ),
    planId: z
      .string()
      .optional()
      .describe(
        'On a server only: approves migrations that change roles, databases or settings outside the scratch database (they stay after the check). The refusal names the statements and this id; show them to the user first.',
      ),
  },
  outputSchema: {
    ok: z
      .boolean()
      .describe('True when every file applied and no finding is an error; the text starts with the verdict.'),
    target: z.string(),
    total: z.number().int(),
    applied: z.number().int(),
    failure: failureSchema,
    findings: z.array(
      findingSchema.extend({
        object: z.string().optional().describe('Catalog advisors only: the object, e.g. public.todos.'),
        category: z.enum(['security', 'performance']).optional().describe('Catalog advisors only.'),
      }),
    ),
    cancelled: z.boolean().describe('The call was cancelled; applied tells how far it got.'),
    cached: z
      .number()
      .int()
      .describe(
        'Of applied, how many came from database states kept from earlier checks instead of being replayed.',
      ),
    seeded: z.array(z.string()).describe('Seed files applied after the migrations, in order.'),
    standIns: textList,
    warnings: textList,
    rls: z
      .object({
        since: z.string().nullable(),
        files: textList,
        changes: z.array(accessChangeSchema),
        open: z
          .array(accessChangeSchema)
          .describe('Leaks the new files opened and left open: each fails the check'),
        notes: textList,
      })
      .nullable()
      .describe('With rls: the access changes of the new migrations; null otherwise'),
  },
  // Not read-only: with db set to a server it creates (then drops) a scratch database there.
  // Destructive at worst: with an approved planId on a server, a migration's ALTER ROLE outlives the check.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async ({ db, planId, noSeed, rls }, ctx) => {
    return checkMigrations({
      root: ctx.cwd,
      db,
      planId,
      noSeed,
      rls,
      // The server lives across calls: the next check after an edit of the newest file replays only that file.
      keepWarm: true,
      signal: ctx.signal,
      onProgress: (done, total, file) => ctx.progress(done, total, file),
    });
  },
  verdict: (result) => ({ headline: checkVerdict(result), cancelled: result.cancelled }),
});
