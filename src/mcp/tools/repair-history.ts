// MCP tool `repair_history`: marks versions applied or reverted in the history table (kodo repair).
import { z } from 'zod';
import { repairHistory } from '../../apply/repair.js';
import { defineTool } from '../define.js';
import { dbInput, textList } from './migration-schemas.js';

export const repairHistoryTool = defineTool({
  name: 'repair_history',
  title: 'Repair migration history',
  description:
    'Edit supabase_migrations.schema_migrations only, like `supabase migration repair`; never runs or undoes migration SQL. status "applied" records versions as applied from their local files (a version with no local file is refused); "reverted" deletes their rows, for example versions applied from elsewhere that have no file here. Use only when the history is wrong. For a server (db = "local" or a URL): first call with dryRun: true, show the listed changes to the user and get approval, then call again with the returned planId; without it, or if the history or the files changed since, the call is refused. The embedded and memory databases are repaired directly.',
  inputSchema: {
    versions: z.array(z.string()).min(1).describe('Versions (digits), e.g. ["00102"] or ["20240101120000"].'),
    status: z.enum(['applied', 'reverted']),
    db: dbInput,
    dryRun: z.boolean().optional().describe('List what would change without writing.'),
    planId: z.string().optional().describe('The planId of the dry run the user approved.'),
  },
  outputSchema: {
    target: z.string(),
    status: z.enum(['applied', 'reverted']),
    dryRun: z.boolean(),
    repaired: textList,
    changes: z.array(
      z.object({
        version: z.string(),
        action: z.enum(['insert', 'update', 'delete', 'unchanged']),
        file: z.string().nullable(),
      }),
    ),
    planId: z.string(),
    cancelled: z.boolean(),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  meta: { 'anthropic/requiresUserInteraction': true },
  handler: async ({ versions, status, db, dryRun, planId }, ctx) =>
    repairHistory({ root: ctx.cwd, versions, status, db, dryRun: dryRun ?? false, planId }),
});
