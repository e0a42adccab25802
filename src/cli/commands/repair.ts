// `kodo repair`: marks versions applied or reverted in the history table; never runs migration SQL.
import { Option } from 'commander';
import type { RepairStatus } from '../../apply/repair.js';
import { defineCommand } from '../define.js';
import { dbOption } from './db-option.js';

export const repairCommand = defineCommand({
  name: 'repair',
  summary: 'Edit the migration history only: mark versions applied (from their local files) or reverted.',
  configure: (cmd) =>
    cmd
      .argument('<version...>', 'versions to repair')
      .addOption(
        new Option('--status <status>', 'what to record')
          .choices(['applied', 'reverted'])
          .makeOptionMandatory(),
      )
      .addOption(dbOption())
      .option('--dry-run', 'show what would change without writing', false),
  run: async (args, options, ctx) => {
    // Loaded on demand so commands that need no database never load its engines.
    const { repairHistory } = await import('../../apply/repair.js');
    const result = await repairHistory({
      root: ctx.cwd,
      versions: args,
      status: options['status'] as RepairStatus,
      db: options['db'] as string | undefined,
      dryRun: Boolean(options['dryRun']),
    });
    const verb = {
      insert: 'insert row',
      update: 'refresh row',
      delete: 'delete row',
      unchanged: 'no row, nothing to delete',
    };
    const text = [
      `${result.dryRun ? 'DRY RUN: would repair' : 'Repaired'} migration history on ${result.target}: [${result.repaired.join(' ')}] => ${result.status}`,
      ...result.changes.map((c) => `  ${c.version}: ${verb[c.action]}${c.file ? ` from ${c.file}` : ''}`),
      ...(result.dryRun ? [] : ['Run kodo list to show the updated migration history.']),
    ].join('\n');
    return { data: result, text, exitCode: 0 };
  },
});
