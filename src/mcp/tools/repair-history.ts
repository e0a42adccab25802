// MCP tool `repair_history`: marks versions applied or reverted in the history table (kodo repair).
import { z } from 'zod';
import { repairHistory } from '../../apply/repair.js';
import { defineTool } from '../define.js';
import { dbInput, textList } from './migration-schemas.js';

export const repairHistoryTool = defineTool({
  name: 'repair_history',
  title: 'Repair migration history',
  description:
    'Edit supabase_migrations.schema_migrations only, like `supabase migration repair`; never runs or undoes migration SQL. status "applied" records versions as applied from their local files (a version with no local file is refused); "reverted" deletes their rows, for example versions applied from elsewhere that have no file here. Use only when the history is wrong, after showing the user what changes (dryRun: true lists them).',
  inputSchema: {
    versions: z.array(z.string()).min(1).describe('Versions (digits), e.g. ["00102"] or ["20240101120000"].'),
    status: z.enum(['applied', 'reverted']),
    db: dbInput,
    dryRun: z.boolean().optional().describe('List what would change without writing.'),
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
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async ({ versions, status, db, dryRun }, ctx) =>
    repairHistory({ root: ctx.cwd, versions, status, db, dryRun: dryRun ?? false }),
});
