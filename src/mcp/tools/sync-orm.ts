// MCP tool `sync_orm`: ORM migrations into supabase/migrations, tracked for drift (kodo sync).
import { z } from 'zod';
import { syncResultShape } from '../../sync/result.js';
import { syncOrm } from '../../sync/sync.js';
import { defineTool } from '../define.js';

export const syncOrmTool = defineTool({
  name: 'sync_orm',
  title: 'Sync ORM migrations',
  description: `Copies each hybrid workspace's ORM migrations (drizzle-kit SQL, alembic revisions converted offline to SQL, sqlx-cli files) into supabase/migrations, one file per migration at the next even version of the workspace's range (<version>_<node|python|rust>_<name>.sql). Use it after an ORM generated a migration, instead of copying files by hand; then run check_migrations. Call with dryRun first to see the plan.

Each synced file starts with "-- kodo sync:" header lines recording its sources and their sha256, so a second call writes nothing. It reports drift instead of overwriting: changed (the source changed after syncing), edited (the synced file was changed by hand), deleted (the source is gone). force rewrites drifted and edited files from their sources after copying them to .kodo/sync-backup/<time>/; never force a file that databases have already applied unless the user asked. A SQLx down migration is kept in supabase/rollbacks/ (the Supabase CLI does not read it). Writes are all or nothing; a full range is an error before anything is written.`,
  inputSchema: {
    workspace: z.string().optional().describe('Sync only this workspace (default: every syncable one).'),
    dryRun: z.boolean().optional().describe('Return the plan, write nothing.'),
    force: z
      .boolean()
      .optional()
      .describe('Rewrite drifted or hand-edited synced files; the previous content is backed up first.'),
  },
  outputSchema: syncResultShape,
  // Writes files, replaces one only with force (after a backup); a second call with the same sources writes nothing.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (input, ctx) =>
    syncOrm({
      root: ctx.cwd,
      workspace: input.workspace,
      dryRun: input.dryRun,
      force: input.force,
      signal: ctx.signal,
    }),
  verdict: (r) => ({
    headline: r.dryRun
      ? `Dry run: ${r.planned.length} planned, ${r.drift.length} drift.`
      : `${r.written.length} written, ${r.synced.length} already synced, ${r.drift.length} drift.`,
  }),
});
