// MCP tool `apply_migrations`: applies pending migration files (kodo up), two-phase for real servers.
import { z } from 'zod';
import { up } from '../../apply/up.js';
import { applyVerdict } from '../../apply/verdicts.js';
import { defineTool } from '../define.js';
import { dbInput, failureSchema, findingSchema, shimSchema, textList } from './migration-schemas.js';

export const applyMigrationsTool = defineTool({
  name: 'apply_migrations',
  title: 'Apply migrations',
  description:
    'Apply pending files from supabase/migrations, in version order, one transaction per file, recorded in supabase_migrations.schema_migrations exactly as the Supabase CLI does. Never applies SQL that is not a file. For a server (db = "local" or a URL): first call with dryRun: true, show the plan to the user and get approval, then call again with the returned planId; without it, or if files or target changed since, the call is refused. The embedded and memory databases apply directly. A failed file leaves nothing behind: check `failure` (file, line, column, sqlstate, message, hint), fix the file, and call again. Refuses when the database has versions with no local file (see migration_status) or out-of-order files (pass includeAll only after checking they do not depend on later migrations).',
  inputSchema: {
    db: dbInput,
    dryRun: z.boolean().optional().describe('Only compute the plan and its planId; apply nothing.'),
    includeAll: z
      .boolean()
      .optional()
      .describe('Also apply files that sort before the last applied version.'),
    planId: z.string().optional().describe('The planId of the dry run the user approved.'),
    noVerify: z
      .boolean()
      .optional()
      .describe('Apply even when lint finds error-level problems in pending files (refused otherwise).'),
  },
  outputSchema: {
    target: z.string(),
    dryRun: z.boolean(),
    applied: textList.describe('Versions applied by this call'),
    pending: textList.describe('Versions still pending'),
    failure: failureSchema,
    planId: z.string(),
    plan: z.array(z.object({ version: z.string(), file: z.string() })),
    cancelled: z.boolean().describe('The call was cancelled: applied and pending tell how far it got.'),
    refused: z
      .boolean()
      .describe('Lint found error-level problems in pending files (see findings); nothing ran.'),
    findings: z.array(findingSchema),
    shim: shimSchema,
    standIns: textList,
    notes: textList,
    warnings: textList,
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  meta: { 'anthropic/requiresUserInteraction': true },
  handler: async ({ db, dryRun, includeAll, planId, noVerify }, ctx) =>
    up({
      root: ctx.cwd,
      db,
      dryRun: dryRun ?? false,
      includeAll: includeAll ?? false,
      planId,
      verify: !noVerify,
      signal: ctx.signal,
      onProgress: (done, total, file) => ctx.progress(done, total, file),
    }),
  verdict: (result) => {
    const { isError, line } = applyVerdict(result);
    return { isError, cancelled: result.cancelled, ...(line ? { headline: line } : {}) };
  },
});
