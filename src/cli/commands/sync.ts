// `kodo sync`: copies and converts ORM migrations (drizzle-kit, alembic, sqlx-cli) into supabase/migrations.
import { defineCommand } from '../define.js';

export const syncCommand = defineCommand({
  name: 'sync',
  summary:
    'Copy ORM migrations (drizzle-kit, alembic, sqlx-cli) into supabase/migrations, tracked for drift.',
  configure: (cmd) =>
    cmd
      .option('--workspace <name>', 'sync only this workspace')
      .option('--dry-run', 'show what would be written, write nothing')
      .option(
        '--force',
        'rewrite drifted or hand-edited synced files (a backup is kept in .kodo/sync-backup/)',
      ),
  run: async (_args, options, ctx) => {
    // Loaded on demand so other commands never load the readers.
    const [{ syncOrm }, { syncText }] = await Promise.all([
      import('../../sync/sync.js'),
      import('../sync-text.js'),
    ]);
    const result = await syncOrm({
      root: ctx.cwd,
      workspace: options['workspace'] as string | undefined,
      dryRun: options['dryRun'] === true,
      force: options['force'] === true,
    });
    return { data: result, text: syncText(result), exitCode: 0 };
  },
});
