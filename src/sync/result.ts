// What kodo sync returns: the `--json` of `kodo sync` and the output of the MCP tool `sync_orm`.
import { z } from 'zod';

const pair = {
  workspace: z.string(),
  source: z.string().describe('The ORM migration, relative to the project root.'),
  target: z.string().describe('The file in supabase/migrations, relative to the project root.'),
};

export const syncResultShape = {
  workspaces: z
    .array(z.object({ workspace: z.string(), tool: z.string(), migrationsDir: z.string() }))
    .describe('The workspaces read, with their tool and migrations folder.'),
  planned: z
    .array(z.object({ ...pair, action: z.enum(['create', 'rewrite']) }))
    .describe('Files to write: create for new sources, rewrite for drifted or edited files with force.'),
  written: z.array(z.string()).describe('Files written, relative to the root (empty on a dry run).'),
  drift: z
    .array(
      z.object({
        ...pair,
        kind: z.enum(['changed', 'edited', 'deleted']),
        reason: z.string(),
      }),
    )
    .describe(
      'changed: the source changed since syncing; edited: the synced file was changed by hand; deleted: the source is gone.',
    ),
  synced: z.array(z.object(pair)).describe('Sources already synced and unchanged.'),
  backups: z
    .array(z.object({ file: z.string(), backup: z.string() }))
    .describe('Files force replaced, and where their previous content was copied.'),
  skipped: z
    .array(z.object({ workspace: z.string(), reason: z.string() }))
    .describe('Workspaces not synced, and why.'),
  notes: z.array(z.string()),
  dryRun: z.boolean(),
};

export type SyncResult = z.infer<z.ZodObject<typeof syncResultShape>>;
