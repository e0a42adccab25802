// `kodo diff`: the migration that turns one state into another (migrations, schemas, embedded, a URL), proven on a
// throwaway database. Like `supabase db diff`, the SQL goes to stdout and everything else to stderr, so
// `kodo diff > file.sql` holds only SQL; `-f NAME` writes it as a new migration instead. Exit 1 when unproven.
import { defineCommand } from '../define.js';

const HELP = `
States: migrations (supabase/migrations replayed on a throwaway database), schemas (the declarative files:
supabase/schemas/**/*.sql, or [db.migrations] schema_paths in supabase/config.toml), embedded (the dev database
.kodo/db, which may have been changed by hand), or a postgres:// URL (read only).
Default: --from migrations --to schemas when there are declarative files, else --to embedded.
Every diff is applied to the "from" state on a throwaway database and compared with the "to" state; only a diff
that compares equal is printed or written. Steps that lose data are named in the file's header.
`;

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'Write the migration that turns one schema state into another, proven on a throwaway database.',
  configure: (cmd) =>
    cmd
      .option('--from <state>', 'migrations (default), schemas, embedded or a postgres:// URL')
      .option('--to <state>', 'schemas (default when supabase/schemas exists), embedded, migrations or a URL')
      .option('-f, --file <name>', 'write the SQL as a new migration with this name (verified first)')
      .option('--workspace <name>', 'hybrid mode: the workspace whose range the new migration takes')
      .option('--summary', 'print the differences, one per line, instead of the SQL')
      .addHelpText('after', HELP),
  run: async (_args, options, ctx) => {
    const [{ runDiff }, { Project }, { summaryLine }] = await Promise.all([
      import('../../diff/diff.js'),
      import('../../project/project.js'),
      import('../../schema/compare.js'),
    ]);
    const result = await runDiff(new Project(ctx.cwd), {
      from: options['from'] as string | undefined,
      to: options['to'] as string | undefined,
      name: options['file'] as string | undefined,
      workspace: options['workspace'] as string | undefined,
    });
    const lines = result.differences.map(summaryLine);
    const notes = [
      ...result.destructive.map((d) => `destructive: ${d}`),
      ...result.warnings.map((w) => `warning: ${w}`),
      ...(result.verified ? [] : result.remaining.map((r) => `not verified: ${r}`)),
    ];
    const verdict =
      result.differences.length === 0
        ? `No schema changes found between ${result.from} and ${result.to}.`
        : result.verified
          ? `${result.differences.length} difference(s) from ${result.from} to ${result.to}; verified on a throwaway database.`
          : `failed: the diff from ${result.from} to ${result.to} did not verify; nothing was ${options['file'] ? 'written' : 'printed'}.`;
    const summary = Boolean(options['summary']);
    if (!ctx.json) for (const line of [...(summary ? [] : lines), ...notes, verdict]) ctx.log(line);
    let text = '';
    if (summary) text = lines.join('\n');
    else if (result.path) text = `Wrote ${result.path}`;
    else if (result.verified) text = result.sql.trimEnd();
    return { data: result, text, exitCode: result.verified ? 0 : 1 };
  },
});
