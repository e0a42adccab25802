// MCP tool `reset_database`: rebuilds a development database, every migration then the seeds (kodo reset).
import { z } from 'zod';
import { resetDatabase } from '../../apply/reset.js';
import { defineTool } from '../define.js';
import { failureSchema, shimSchema, textList } from './migration-schemas.js';

export const resetDatabaseTool = defineTool({
  name: 'reset_database',
  title: 'Reset a development database',
  description:
    'Rebuild a development database from nothing, like `supabase db reset`: drop what it holds, apply every file of supabase/migrations in order (one transaction per file, recorded as the Supabase CLI does), then the seed files (supabase/seed.sql, or [db.seed] sql_paths of supabase/config.toml; noSeed: true skips them). Use it when the local database has drifted from the files, or to get fresh seed data; to apply new files only, use apply_migrations. DESTROYS the data of the target. Targets: "embedded" (default, .kodo/db, the local development database: rebuilt directly), "memory" (a throwaway), or the Supabase local stack ("local", or a URL on 127.0.0.1/localhost/::1 at its port): for the stack, first call with dryRun: true, show the plan (what is dropped, what is applied) to the user, and call again with the returned planId once they approve. Any other server is refused. A failed migration or seed stops the rebuild: see `failure` (file, line, column, sqlstate, message) and `failedPhase`; a failed seed file leaves none of its rows.',
  inputSchema: {
    db: z
      .string()
      .optional()
      .describe(
        'Database: "embedded" (default, .kodo/db), "memory", "local" (Supabase local stack) or a URL of the local stack.',
      ),
    noSeed: z.boolean().optional().describe('Apply the migrations only, not the seed files.'),
    dryRun: z.boolean().optional().describe('Only compute the plan and its planId; drop and apply nothing.'),
    planId: z.string().optional().describe('The planId of the dry run the user approved (local stack).'),
  },
  outputSchema: {
    target: z.string(),
    dryRun: z.boolean(),
    applied: textList.describe('Versions applied, in order'),
    seeded: textList.describe('Seed files applied, in order'),
    failure: failureSchema.describe('The first failure (a seed file has version "")'),
    failedPhase: z.enum(['migration', 'seed']).nullable(),
    planId: z.string(),
    plan: z.array(z.object({ version: z.string(), file: z.string() })),
    seeds: textList.describe('Seed files the plan runs'),
    dropped: z.string().describe('What was (on a dry run: would be) dropped'),
    cancelled: z.boolean(),
    shim: shimSchema,
    cached: z
      .number()
      .int()
      .describe(
        'Of applied, how many came with a database state an earlier check cached, instead of being replayed.',
      ),
    standIns: textList,
    warnings: textList,
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  meta: { 'anthropic/requiresUserInteraction': true },
  handler: async ({ db, noSeed, dryRun, planId }, ctx) =>
    resetDatabase({
      root: ctx.cwd,
      db,
      seed: !noSeed,
      dryRun: dryRun ?? false,
      planId,
      signal: ctx.signal,
      onProgress: (done, total, file) => ctx.progress(done, total, file),
    }),
  verdict: (r) => {
    if (r.failure) {
      const f = r.failure;
      return {
        isError: true,
        headline: `failed: ${f.file}:${f.line}:${f.column}: ${f.message} (${r.failedPhase}; it was rolled back). ${r.applied.length} of ${r.plan.length} migration(s) and ${r.seeded.length} seed file(s) applied on ${r.target}.`,
      };
    }
    if (r.cancelled) {
      return {
        cancelled: true,
        headline: `cancelled: ${r.applied.length} of ${r.plan.length} migration(s) applied on ${r.target}.`,
      };
    }
    return {};
  },
});
