// MCP tool `migration_status`: local migrations against a database's history (kodo status).
import { z } from 'zod';
import { migrationStatus } from '../../apply/status.js';
import { defineTool } from '../define.js';
import { dbInput, textList } from './migration-schemas.js';

const pair = z.object({ source: z.string(), target: z.string() });
const workspaceSyncSchema = z.object({
  workspace: z.string(),
  tool: z.string(),
  synced: z.array(pair),
  new: textList,
  drifted: z.array(pair).describe('The source changed after it was synced.'),
  edited: z.array(pair).describe('The synced file was edited by hand.'),
  deleted: z.array(pair).describe('The source is gone; its synced file stays.'),
});

export const migrationStatusTool = defineTool({
  name: 'migration_status',
  title: 'Migration status',
  description:
    "Compare supabase/migrations with a database's history (supabase_migrations.schema_migrations). Read-only. Use before apply_migrations and after it to verify. Reports pending versions, applied versions with no local file (missingLocal: apply_migrations refuses until they are restored or reverted with repair_history), out-of-order files (applied only with includeAll), files changed after they were applied (edited: never edit an applied migration, write a new one), and in hybrid mode cross-range versions that apply normally, plus per workspace which ORM migrations are synced (to which file), new (unsynced: run sync_orm), drifted, edited or deleted.",
  inputSchema: { db: dbInput },
  outputSchema: {
    target: z.string(),
    mode: z.enum(['hybrid', 'supabase-only']),
    migrations: z.array(
      z.object({
        version: z.string(),
        name: z.string(),
        file: z.string().nullable(),
        local: z.boolean(),
        applied: z.boolean(),
        edited: z.boolean(),
      }),
    ),
    pending: textList,
    missingLocal: textList,
    outOfOrder: textList,
    crossRange: textList,
    edited: textList,
    unsynced: z
      .array(z.object({ workspace: z.string(), source: z.string() }))
      .describe('Hybrid mode: ORM migrations not synced yet; sync_orm writes them.'),
    sync: z
      .array(workspaceSyncSchema)
      .describe('Hybrid mode: per workspace, its ORM migrations against the synced files.'),
    notes: textList,
    warnings: textList,
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ db }, ctx) => migrationStatus({ root: ctx.cwd, db }),
});
