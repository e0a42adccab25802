// `kodo reset`: rebuilds a development database from nothing: every migration, then the seed files.
import { Option } from 'commander';
import type { ApplyFailure } from '../../apply/failure.js';
import type { ResetPlan, ResetResult } from '../../apply/reset.js';
import { approve } from '../approve.js';
import type { CliContext } from '../define.js';
import { defineCommand } from '../define.js';
import { failureText } from '../failure-text.js';
import { INTERRUPTED_EXIT, onFirstInterrupt } from '../interrupt.js';
import { fileProgress } from '../progress.js';
import { dbOption } from './db-option.js';

const HELP = `
Targets:
  embedded (default)  .kodo/db is replaced by a new database (built beside it, swapped in by rename, under its
                      lock), then every migration and the seeds are applied. It is your local development
                      database: no confirmation, and the text output says what was dropped.
  memory              a fresh throwaway database (useful to see that everything applies).
  local, or a URL     only the Supabase local stack: --db local, or a server on 127.0.0.1, localhost or ::1 at
                      its port ([db] port of supabase/config.toml, else 54322); any other server is refused.
                      Needs --yes (or a y at the prompt). kodo cannot recreate the stack's container as
                      \`supabase db reset\` does, so it empties the database as \`supabase db reset --db-url\`
                      does, in one transaction: it drops the extensions and schemas your migrations created
                      (platform schemas such as auth, storage, realtime, extensions and vault are kept, with the
                      extensions a Supabase database starts with), everything in public (the schema and its
                      grants stay), every policy and non-realtime publication, and truncates the tables of auth,
                      storage, vault, supabase_functions and supabase_migrations (the history). Roles are
                      cluster-wide and stay. Then it applies every migration and the seeds.

Seeds: supabase/seed.sql, or the [db.seed] sql_paths globs of supabase/config.toml (relative to supabase/, each
pattern's matches in byte order, a file matched twice runs once); [db.seed] enabled = false means none. Each seed
file runs in one transaction and is recorded in supabase_migrations.seed_files, as the Supabase CLI does.
`;

export const resetCommand = defineCommand({
  name: 'reset',
  summary: 'Rebuild a development database: every migration, then the seed files.',
  configure: (cmd) =>
    cmd
      .addOption(
        dbOption('database: embedded (default), memory, or the Supabase local stack (local or its URL)'),
      )
      .option('--no-seed', 'apply the migrations only, not the seed files')
      .option('--dry-run', 'show what would be dropped and applied, change nothing', false)
      .addOption(new Option('-y, --yes', 'reset the local stack without asking').default(false))
      .addHelpText('after', HELP),
  run: async (_args, options, ctx) => {
    const { resetDatabase } = await import('../../apply/reset.js');
    const progress = fileProgress(ctx);
    const interrupt = onFirstInterrupt(ctx.log);
    let result: ResetResult;
    try {
      result = await resetDatabase({
        root: ctx.cwd,
        db: options['db'] as string | undefined,
        seed: options['seed'] !== false,
        dryRun: Boolean(options['dryRun']),
        confirm: (plan) => confirm(plan, Boolean(options['yes']), ctx),
        onProgress: (done, total, file, phase) => {
          if (phase === 'migration') return progress.update(done, total, file);
          progress.finish();
          ctx.log(`Seeding data from ${file}...`);
        },
        onWait: () => ctx.log('Waiting for another kodo run on this database to finish...'),
        signal: interrupt.signal,
      });
    } finally {
      progress.finish();
      interrupt.dispose();
    }
    const interrupted = result.cancelled && interrupt.signal.aborted;
    return {
      data: result,
      text: render(result, interrupted),
      exitCode: interrupted ? INTERRUPTED_EXIT : result.failure ? 1 : 0,
    };
  },
});

function confirm(plan: ResetPlan, yes: boolean, ctx: CliContext): Promise<boolean> {
  return approve(
    {
      plan: planText(plan),
      question: `Reset ${plan.target}? Everything listed above is dropped.`,
      action: `Resetting ${plan.target}`,
    },
    yes,
    ctx,
  );
}

function planText(plan: ResetPlan): string {
  return [
    `Reset plan for ${plan.target} (planId ${plan.planId}):`,
    `  drop ${plan.drops}`,
    ...plan.files.map((f) => `  apply ${f.file}`),
    ...plan.seeds.map((s) => `  seed ${s}`),
  ].join('\n');
}

function render(r: ResetResult, interrupted: boolean): string {
  const out: string[] = [];
  if (r.dryRun) {
    out.push(
      [
        `DRY RUN: kodo reset would drop ${r.dropped} (${r.target}; planId ${r.planId}), then apply ${r.plan.length} migration(s) and ${r.seeds.length} seed file(s):`,
        ...r.plan.map((p) => `  ${p.file}`),
        ...r.seeds.map((s) => `  ${s} (seed)`),
      ].join('\n'),
    );
  } else if (r.cancelled && !interrupted && r.applied.length === 0 && r.seeded.length === 0) {
    out.push('Cancelled; nothing was dropped or applied.');
  } else {
    out.push(`Dropped ${r.dropped}.`);
    if (r.shim?.installed)
      out.push(`Installed the Supabase platform shim on ${r.target}: ${r.shim.parts.join(', ')}.`);
    const seeded = r.seeded.length > 0 ? ` and ${r.seeded.length} seed file(s) (${r.seeded.join(', ')})` : '';
    const cached = r.cached > 0 ? ` (the first ${r.cached} from the state kodo check cached)` : '';
    out.push(
      `Reset ${r.target}: applied ${r.applied.length} of ${r.plan.length} migration(s)${cached}${seeded}.`,
    );
    if (interrupted) out.push('Interrupted before every file ran.');
    if (r.failure) out.push(r.failedPhase === 'seed' ? seedFailureText(r.failure) : failureText(r.failure));
  }
  if (r.standIns.length > 0)
    out.push(`Stand-ins used for extensions the embedded database lacks: ${r.standIns.join(', ')}.`);
  out.push(...r.warnings.map((w) => `warning: ${w}`));
  return out.join('\n\n');
}

function seedFailureText(f: ApplyFailure): string {
  const lines = failureText(f).split('\n');
  lines[0] = `${f.file}:${f.line}:${f.column}: seed failed at statement ${f.statement ?? '?'} (the file was rolled back: none of its rows are kept)`;
  return lines.join('\n');
}
