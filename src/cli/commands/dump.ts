// `kodo dump`: the SQL that recreates a state from an empty Supabase database, proven by running it on a fresh
// throwaway database. SQL on stdout, notes on stderr; exit 1 when it does not rebuild an equal state.
import { defineCommand } from '../define.js';

export const dumpCommand = defineCommand({
  name: 'dump',
  summary: 'Print the SQL that recreates a schema state from an empty Supabase database, verified.',
  configure: (cmd) =>
    cmd.option('--from <state>', 'migrations (default), schemas, embedded or a postgres:// URL'),
  run: async (_args, options, ctx) => {
    const [{ runDump }, { Project }] = await Promise.all([
      import('../../diff/dump.js'),
      import('../../project/project.js'),
    ]);
    const result = await runDump(new Project(ctx.cwd), { from: options['from'] as string | undefined });
    if (!ctx.json) {
      for (const w of result.warnings) ctx.log(`warning: ${w}`);
      for (const r of result.remaining) ctx.log(`not verified: ${r}`);
      ctx.log(
        result.verified
          ? `Dump of ${result.from}: rebuilt an equal state on a throwaway database.`
          : `failed: the dump of ${result.from} did not rebuild an equal state; nothing was printed.`,
      );
    }
    return {
      data: result,
      text: result.verified ? result.sql.trimEnd() : '',
      exitCode: result.verified ? 0 : 1,
    };
  },
});
