// `kodo rls diff`: what each migration after a version changed in the isolation matrix.
import { defineCommand } from '../define.js';
import { dbOption } from './db-option.js';

const HELP = `
--since VERSION compares the state after VERSION with the state after each later file. Without it, the diff
starts at the first migration the database has not applied (--db, default the embedded database); when that
database has none applied, it covers the newest file only. Exit 1 when a change opens a leak.
`;

export const rlsDiffCommand = defineCommand({
  name: 'rls diff',
  summary: 'Show what each new migration changed in who can read and write which rows.',
  configure: (cmd) =>
    cmd
      .option('--since <version>', 'the version the diff starts after (default: the pending migrations)')
      .addOption(dbOption('database whose history decides what is pending (default: embedded)'))
      .addHelpText('after', HELP),
  run: async (_args, options, ctx) => {
    const [{ rlsDiff }, { diffText }, { Project }] = await Promise.all([
      import('../../rls/diff/index.js'),
      import('../../rls/report/diff-text.js'),
      import('../../project/project.js'),
    ]);
    const result = await rlsDiff(new Project(ctx.cwd), {
      since: options['since'] as string | undefined,
      db: options['db'] as string | undefined,
    });
    const leaks = result.open.length;
    return { data: result, text: diffText(result), exitCode: leaks > 0 ? 1 : 0 };
  },
});
