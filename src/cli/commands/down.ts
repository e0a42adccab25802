// `kodo down [--last N]`: rolls the development database back by its newest applied migrations, in place, with the
// verified rollback of each, so the rows of every table that survives stay. Refuses a step that cannot undo
// everything its migration did unless --force, and any database but the embedded one and the local stack.
import { Option } from 'commander';
import type { DownResult } from '../../rollback/down-result.js';
import { approve } from '../approve.js';
import { defineCommand } from '../define.js';
import { dbOption } from './db-option.js';

const HELP = `
Each step is the rollback kodo rollback would write, proven first on a throwaway database (the migrations before
the file, the file, the rollback: the schema must come back equal). The database must have the schema its applied
migrations build (a hand change is refused: see kodo diff). All steps and the history rows change in one
transaction, checked against the expected schema before it commits. Unlike supabase migration down, nothing is
wiped and replayed: rows of tables that survive stay. The local stack (--db local) needs --yes.
`;

export const downCommand = defineCommand({
  name: 'down',
  summary:
    'Roll the development database back by its newest migrations, keeping the rows of surviving tables.',
  configure: (cmd) =>
    cmd
      .option('--last <n>', 'how many applied migrations to roll back', '1')
      .addOption(dbOption('database: embedded (default) or the Supabase local stack (local or its URL)'))
      .option(
        '--force',
        'roll back even what cannot be undone completely (rows deleted, values changed)',
        false,
      )
      .option('--dry-run', 'show the rollbacks, change nothing', false)
      .addOption(new Option('-y, --yes', 'roll back the local stack without asking').default(false))
      .addHelpText('after', HELP),
  run: async (_args, options, ctx) => {
    const [{ runDown }, { Project }] = await Promise.all([
      import('../../rollback/down.js'),
      import('../../project/project.js'),
    ]);
    const last = Number(options['last']);
    const result = await runDown(new Project(ctx.cwd), {
      db: options['db'] as string | undefined,
      last,
      force: Boolean(options['force']),
      dryRun: Boolean(options['dryRun']),
      confirm: (r) =>
        approve(
          { plan: planText(r), question: `Roll back ${r.target}?`, action: `Rolling back ${r.target}` },
          Boolean(options['yes']),
          ctx,
        ),
    });
    return { data: result, text: render(result), exitCode: 0 };
  },
});

function planText(r: DownResult): string {
  return [
    `Down plan for ${r.target} (planId ${r.planId}):`,
    ...r.plan.map((p) => `  roll back ${p.file} (${p.statements.length} statement(s))`),
    ...r.destructive.map((d) => `  removes: ${d}`),
    ...r.irreversible.map((i) => `  cannot undo (${i.version} line ${i.line}): ${i.reason}`),
  ].join('\n');
}

function render(r: DownResult): string {
  const out = [
    r.dryRun
      ? `DRY RUN: ${planText(r)}`
      : r.cancelled
        ? 'Cancelled; nothing was rolled back.'
        : `Rolled back ${r.target}: ${r.reverted.join(', ')} (schema checked against the migrations that remain).`,
  ];
  if (!r.dryRun && !r.cancelled && r.irreversible.length > 0) {
    out.push(
      `Not undone (--force): ${r.irreversible.map((i) => `${i.version} line ${i.line}: ${i.reason}`).join('; ')}`,
    );
  }
  out.push(...r.warnings.map((w) => `warning: ${w}`));
  return out.join('\n');
}
