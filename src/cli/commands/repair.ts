// `kodo repair`: marks versions applied or reverted in the history table; never runs migration SQL.
import { Option } from 'commander';
import type { RepairPlan, RepairStatus } from '../../apply/repair.js';
import { approve } from '../approve.js';
import { defineCommand } from '../define.js';
import { dbOption } from './db-option.js';

const VERB = {
  insert: 'insert row',
  update: 'refresh row',
  delete: 'delete row',
  unchanged: 'no row, nothing to delete',
};

function changeLines(changes: RepairPlan['changes']): string[] {
  return changes.map((c) => `  ${c.version}: ${VERB[c.action]}${c.file ? ` from ${c.file}` : ''}`);
}

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
      .option('--dry-run', 'show what would change without writing', false)
      .addOption(new Option('-y, --yes', 'repair a non-throwaway server without asking').default(false)),
  run: async (args, options, ctx) => {
    // Loaded on demand so commands that need no database never load its engines.
    const { repairHistory } = await import('../../apply/repair.js');
    const result = await repairHistory({
      root: ctx.cwd,
      versions: args,
      status: options['status'] as RepairStatus,
      db: options['db'] as string | undefined,
      dryRun: Boolean(options['dryRun']),
      confirm: (plan) =>
        approve(
          {
            plan: [
              `Repair plan for ${plan.target} (planId ${plan.planId}):`,
              ...changeLines(plan.changes),
            ].join('\n'),
            question: `Repair the migration history of ${plan.target}?`,
            action: `Repairing the migration history of ${plan.target}`,
          },
          Boolean(options['yes']),
          ctx,
        ),
    });
    if (result.cancelled)
      return { data: result, text: 'Cancelled; the history was not changed.', exitCode: 0 };
    const text = [
      `${result.dryRun ? `DRY RUN: would repair (planId ${result.planId})` : 'Repaired'} migration history on ${result.target}: [${result.repaired.join(' ')}] => ${result.status}`,
      ...changeLines(result.changes),
      ...(result.dryRun ? [] : ['Run kodo list to show the updated migration history.']),
    ].join('\n');
    return { data: result, text, exitCode: 0 };
  },
});
