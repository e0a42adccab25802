// `kodo advisors`: splinter's checks (as `supabase db advisors` runs them) on the catalog the migrations build,
// or on a database read as it is; exit 1 when a shown finding reaches --fail-on.
import { KodoError } from '../../core/errors.js';
import { defineCommand } from '../define.js';
import { fileProgress } from '../progress.js';
import { dbOption } from './db-option.js';

const HELP = `
By default the migrations are replayed on a throwaway database (through the check cache) and every finding names
the migration that created its object. With --db (embedded, local, a URL) that database is read as it is, inside
a transaction that is rolled back; only then do unused-index and table-bloat run, as they read usage statistics
a database just replayed does not have.
`;

/** One of `allowed`, or a one-line usage error naming the flag. */
function choice<T extends string>(value: unknown, flag: string, allowed: readonly T[]): T {
  if (allowed.includes(value as T)) return value as T;
  throw new KodoError(
    'invalid-option',
    `${flag} must be one of ${allowed.join(', ')} (got "${String(value)}").`,
  );
}

export const advisorsCommand = defineCommand({
  name: 'advisors',
  summary:
    "Run Supabase's database advisors (splinter's security and performance checks) on the applied schema.",
  configure: (cmd) =>
    cmd
      .addOption(
        dbOption('read this database as it is (embedded, local, a URL) instead of replaying the migrations'),
      )
      .option('--type <type>', 'all, security or performance', 'all')
      .option('--level <level>', 'lowest level shown: info, warn or error', 'warn')
      .option(
        '--fail-on <level>',
        'exit 1 when a shown finding is at or above: none, info, warn or error',
        'none',
      )
      .addHelpText('after', HELP),
  run: async (_args, options, ctx) => {
    const [
      { runAdvisors, FAIL_ON, LEVELS, TYPES },
      { formatFindings, skippedLines, summaryLine },
      { Project },
    ] = await Promise.all([
      import('../../advisors/run.js'),
      import('../../advisors/text.js'),
      import('../../project/project.js'),
    ]);
    const type = choice(options['type'], '--type', TYPES);
    const level = choice(options['level'], '--level', LEVELS);
    const failOn = choice(options['failOn'], '--fail-on', FAIL_ON);
    const progress = fileProgress(ctx);
    const result = await runAdvisors(new Project(ctx.cwd), {
      db: options['db'] as string | undefined,
      type,
      level,
      failOn,
      onProgress: progress.update,
    }).finally(() => progress.finish());
    const text = [
      ...formatFindings(result.findings),
      ...result.warnings.map((w) => `warning: ${w}`),
      ...skippedLines(result.skipped),
      summaryLine(result.findings, result.target),
      ...(result.failed ? [`failed: --fail-on ${failOn} and a finding is at or above it.`] : []),
    ];
    return { data: result, text: text.join('\n\n'), exitCode: result.failed ? 1 : 0 };
  },
});
