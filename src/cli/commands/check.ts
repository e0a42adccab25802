// `kodo check`: replays every migration on a fresh throwaway database and points at the first failure; its text
// shows the findings as `kodo lint` does and ends with the verdict line, which agrees with the exit code.
import { Option } from 'commander';
import type { AdvisorFinding } from '../../advisors/types.js';
import type { CheckFinding } from '../../apply/check.js';
import { checkVerdict } from '../../apply/verdicts.js';
import { approve } from '../approve.js';
import { defineCommand } from '../define.js';
import { failureText } from '../failure-text.js';
import { INTERRUPTED_EXIT, onFirstInterrupt } from '../interrupt.js';
import { fileProgress } from '../progress.js';
import { dbOption } from './db-option.js';

export const checkCommand = defineCommand({
  name: 'check',
  summary:
    'Lint every migration, then apply them all, in order, to a fresh throwaway database; report the first failure.',
  configure: (cmd) =>
    cmd
      .addOption(
        dbOption('where the throwaway database lives: memory (default), local, or a postgres:// URL'),
      )
      .addOption(
        new Option(
          '-y, --yes',
          'on a server, allow migrations that change roles, databases or settings outside the scratch database',
        ).default(false),
      )
      .addOption(new Option('--no-seed', 'skip the seed files (supabase/seed.sql, [db.seed] sql_paths)'))
      .addOption(
        new Option(
          '--rls',
          'also run the RLS access diff of the new migrations (as kodo rls diff); a leak they leave open fails the check',
        ).default(false),
      )
      .addOption(
        new Option(
          '--no-cache',
          'replay every file, ignoring the cached database states of earlier checks (see KODO_CHECK_CACHE_MB)',
        ),
      ),
  run: async (_args, options, ctx) => {
    // Loaded on demand so commands that need no database never load its engines.
    const [{ checkWithLint }, { formatText }, { formatFindings }, { diffLines }] = await Promise.all([
      import('../../apply/check.js'),
      import('../../lint/report/text.js'),
      import('../../advisors/text.js'),
      import('../../rls/report/diff-text.js'),
    ]);
    const progress = fileProgress(ctx);
    const interrupt = onFirstInterrupt(ctx.log);
    const { result, lint } = await checkWithLint({
      root: ctx.cwd,
      db: options['db'] as string | undefined,
      onProgress: progress.update,
      signal: interrupt.signal,
      cache: options['cache'] !== false,
      noSeed: options['seed'] === false,
      rls: Boolean(options['rls']),
      confirm: (plan) =>
        approve(
          {
            plan: [
              `These migrations change objects on ${plan.target} outside the check's scratch database, and the changes stay after it (planId ${plan.planId}):`,
              ...plan.changes.map((c) => `  ${c.file}:${c.line}  ${c.statement}`),
            ].join('\n'),
            question: `Run the check on ${plan.target} anyway?`,
            action: `Checking on ${plan.target}`,
          },
          Boolean(options['yes']),
          ctx,
        ),
    }).finally(() => {
      progress.finish();
      interrupt.dispose();
    });
    const out = [
      ...(lint && lint.findings.length > 0 ? [formatText(lint).trimEnd()] : []),
      result.failure
        ? `${result.applied} of ${result.total} migration(s) applied on ${result.target} before a failure.\n\n${failureText(result.failure)}`
        : result.cancelled
          ? `Interrupted after ${result.applied} of ${result.total} migration(s) on ${result.target}; the scratch database was dropped.`
          : `All ${result.total} migration(s) apply cleanly on a fresh database (${result.target})${cachedNote(result.cached)}.`,
      ...(result.seeded.length > 0 ? [`Seed files applied after them: ${result.seeded.join(', ')}.`] : []),
      ...catalogText(result.findings, formatFindings),
      ...(result.rls ? [diffLines(result.rls).join('\n')] : []),
      ...(result.standIns.length > 0 ? [`Stand-ins used: ${result.standIns.join(', ')}.`] : []),
      ...result.warnings.map((w) => `warning: ${w}`),
      checkVerdict(result),
    ];
    const exitCode = result.cancelled ? INTERRUPTED_EXIT : result.ok ? 0 : 1;
    return { data: result, text: out.join('\n\n'), exitCode };
  },
});

/** The catalog advisors' findings (those the linter had not reported), grouped as `kodo advisors` shows them. */
function catalogText(findings: CheckFinding[], format: (findings: AdvisorFinding[]) => string[]): string[] {
  const catalog = findings.filter((f): f is AdvisorFinding => f.object !== undefined);
  if (catalog.length === 0) return [];
  return [`Catalog advisors on the applied schema found ${catalog.length} more:`, ...format(catalog)];
}

/** Said only when the cache did some of the work, so a surprising speed has its reason next to it. */
function cachedNote(cached: number): string {
  return cached > 0 ? `; the first ${cached} came from the states cached by earlier checks` : '';
}
