// `kodo up`: applies pending migrations; against a real server it shows the plan and needs --yes or a confirmation.
import { Option } from 'commander';
import type { UpPlan, UpResult } from '../../apply/up.js';
import { approve } from '../approve.js';
import type { CliContext } from '../define.js';
import { defineCommand } from '../define.js';
import { failureText } from '../failure-text.js';
import { INTERRUPTED_EXIT, onFirstInterrupt } from '../interrupt.js';
import { fileProgress } from '../progress.js';
import { dbOption } from './db-option.js';

export const upCommand = defineCommand({
  name: 'up',
  summary: 'Apply pending migrations, one transaction per file, recorded as the Supabase CLI records them.',
  configure: (cmd) =>
    cmd
      .addOption(dbOption())
      .option('--dry-run', 'show the plan without applying anything', false)
      .option('--include-all', 'also apply files that sort before the last applied migration', false)
      .option('--no-verify', 'apply even when lint finds error-level problems in the pending files')
      .addOption(new Option('-y, --yes', 'apply to a non-throwaway server without asking').default(false)),
  run: async (_args, options, ctx) => {
    const [{ up }, { formatText }] = await Promise.all([
      import('../../apply/up.js'),
      import('../../lint/report/text.js'),
    ]);
    const progress = fileProgress(ctx);
    let lintText = '';
    const interrupt = onFirstInterrupt(ctx.log);
    let result: UpResult;
    try {
      result = await up({
        root: ctx.cwd,
        db: options['db'] as string | undefined,
        dryRun: Boolean(options['dryRun']),
        includeAll: Boolean(options['includeAll']),
        confirm: (plan) => confirm(plan, Boolean(options['yes']), ctx),
        onProgress: progress.update,
        onWait: () => ctx.log('Waiting for another kodo run on this database to finish...'),
        signal: interrupt.signal,
        verify: options['verify'] !== false,
        onVerified: (v) => {
          if (v.errors.length > 0) lintText = formatText(v.run).trimEnd();
        },
      });
    } finally {
      progress.finish();
      interrupt.dispose();
    }
    const interrupted = result.cancelled && interrupt.signal.aborted;
    return {
      data: result,
      text: [lintText, render(result, interrupted)].filter(Boolean).join('\n\n'),
      exitCode: interrupted ? INTERRUPTED_EXIT : result.failure || result.refused ? 1 : 0,
    };
  },
});

function confirm(plan: UpPlan, yes: boolean, ctx: CliContext): Promise<boolean> {
  return approve(
    {
      plan: planText(plan),
      question: `Apply ${plan.files.length} migration(s) to ${plan.target}?`,
      action: `Applying to ${plan.target}`,
    },
    yes,
    ctx,
  );
}
function planText(plan: UpPlan): string {
  return [
    `Plan for ${plan.target} (planId ${plan.planId}):`,
    ...(plan.installsShim
      ? ['  install the Supabase platform shim (roles, auth, storage, extensions schemas)']
      : []),
    ...plan.files.map((f) => `  apply ${f.file}`),
  ].join('\n');
}

function render(r: UpResult, interrupted: boolean): string {
  const out: string[] = [];
  if (r.refused) {
    out.push(
      `Refused: ${r.findings.length} error-level finding(s) in the pending migrations; nothing was applied to ${r.target}. Fix them, or rerun with --no-verify to apply anyway.`,
    );
  } else if (r.dryRun) {
    out.push(
      r.plan.length === 0
        ? `Database is up to date (${r.target}); nothing to apply.`
        : `DRY RUN: would apply ${r.plan.length} migration(s) to ${r.target} (planId ${r.planId}):\n${r.plan.map((p) => `  ${p.file}`).join('\n')}`,
    );
    if (r.shim?.wouldInstall)
      out.push('Would install the Supabase platform shim first: this server has no auth schema.');
    if (r.findings.length > 0)
      out.push(
        `Would be refused: ${r.findings.length} error-level finding(s) above (apply with --no-verify to override).`,
      );
  } else if (interrupted) {
    out.push(
      `Interrupted: applied ${r.applied.length} migration(s) to ${r.target}; ${r.pending.length} still pending.`,
    );
  } else if (r.cancelled) {
    out.push('Cancelled; nothing was applied.');
  } else {
    if (r.shim?.installed)
      out.push(`Installed the Supabase platform shim on ${r.target}: ${r.shim.parts.join(', ')}.`);
    if (r.applied.length === 0 && !r.failure) out.push(`Database is up to date (${r.target}).`);
    else out.push(`Applied ${r.applied.length} migration(s) to ${r.target}.`);
    if (r.failure) out.push(failureText(r.failure), `${r.pending.length} migration(s) still pending.`);
  }
  if (r.standIns.length > 0)
    out.push(`Stand-ins used for extensions the embedded database lacks: ${r.standIns.join(', ')}.`);
  out.push(...r.notes.map((n) => `note: ${n}`), ...r.warnings.map((w) => `warning: ${w}`));
  return out.join('\n\n');
}
