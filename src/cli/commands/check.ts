// `kodo check`: replays every migration on a fresh throwaway database and points at the first failure.
import { defineCommand } from '../define.js';
import { failureText } from '../failure-text.js';
import { fileProgress } from '../progress.js';
import { dbOption } from './db-option.js';

export const checkCommand = defineCommand({
  name: 'check',
  summary:
    'Lint every migration, then apply them all, in order, to a fresh throwaway database; report the first failure.',
  configure: (cmd) =>
    cmd.addOption(
      dbOption('where the throwaway database lives: memory (default), local, or a postgres:// URL'),
    ),
  run: async (_args, options, ctx) => {
    // Loaded on demand so commands that need no database never load its engines.
    const { checkMigrations } = await import('../../apply/check.js');
    const progress = fileProgress(ctx);
    const result = await checkMigrations({
      root: ctx.cwd,
      db: options['db'] as string | undefined,
      onProgress: progress.update,
    }).finally(progress.finish);
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const out = [
      result.failure
        ? `${result.applied} of ${result.total} migration(s) applied on ${result.target} before a failure.\n\n${failureText(result.failure)}`
        : `All ${result.total} migration(s) apply cleanly on a fresh database (${result.target}).`,
      ...result.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${f.message}`),
      ...(result.standIns.length > 0 ? [`Stand-ins used: ${result.standIns.join(', ')}.`] : []),
      ...result.warnings.map((w) => `warning: ${w}`),
    ];
    return { data: result, text: out.join('\n\n'), exitCode: result.failure || errors > 0 ? 1 : 0 };
  },
});
