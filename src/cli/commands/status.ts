// `kodo status`: the history table, then what `kodo up` would apply and what needs attention.
import { defineCommand } from '../define.js';
import { historyTable, statusSections } from '../history-table.js';
import { syncStatusSection } from '../sync-status-text.js';
import { dbOption } from './db-option.js';

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'Compare local migrations with a database: applied, pending, missing, out of order, edited.',
  configure: (cmd) => cmd.addOption(dbOption()),
  run: async (_args, options, ctx) => {
    // Loaded on demand so commands that need no database never load its engines.
    const { migrationStatus } = await import('../../apply/status.js');
    const status = await migrationStatus({ root: ctx.cwd, db: options['db'] as string | undefined });
    const sync = syncStatusSection(status.sync);
    const text = [
      `Target: ${status.target}`,
      '',
      historyTable(status),
      '',
      ...(sync ? [sync, ''] : []),
      statusSections(status),
    ].join('\n');
    return { data: status, text, exitCode: 0 };
  },
});
