// `kodo list`: local versions against a database's history, as `supabase migration list` shows them.
import { defineCommand } from '../define.js';
import { historyTable } from '../history-table.js';
import { dbOption } from './db-option.js';

export const listCommand = defineCommand({
  name: 'list',
  summary: 'List local migrations and the versions a database has applied (LOCAL | REMOTE | TIME).',
  configure: (cmd) => cmd.addOption(dbOption()),
  run: async (_args, options, ctx) => {
    // Loaded on demand so commands that need no database never load its engines.
    const { migrationStatus } = await import('../../apply/status.js');
    const status = await migrationStatus({ root: ctx.cwd, db: options['db'] as string | undefined });
    for (const warning of status.warnings) ctx.log(`warning: ${warning}`);
    return { data: status, text: `Target: ${status.target}\n\n${historyTable(status)}`, exitCode: 0 };
  },
});
