// `kodo rollback <file>`: writes the reverse of one migration as a new migration, after proving on a throwaway
// database that it undoes the file and that the folder still applies with it. What it cannot undo (rows deleted or
// changed, enum values added, calls with side effects) is listed with its line, in the file and here.
import path from 'node:path';
import { defineCommand } from '../define.js';

const HELP = `
The rollback is a new forward migration (<version>_rollback_<name>.sql; in hybrid mode in the migration's own
range), planned by the diff engine from "the state after the file" to "the state before it", renames walked back
by their reverse statements. With --dry-run the SQL is printed (stdout) and nothing is written. To roll back the
development database itself, keeping the rows of every table that survives, use kodo down.
`;

export const rollbackCommand = defineCommand({
  name: 'rollback',
  summary: 'Write the verified reverse of a migration as a new migration, listing what it cannot undo.',
  configure: (cmd) =>
    cmd
      .argument('<file>', 'the migration: its version, file name or path')
      .option('--dry-run', 'print the rollback, write nothing', false)
      .addHelpText('after', HELP),
  run: async (args, options, ctx) => {
    const [{ runRollback }, { Project }] = await Promise.all([
      import('../../rollback/rollback.js'),
      import('../../project/project.js'),
    ]);
    const result = await runRollback(new Project(ctx.cwd), {
      file: args[0]!,
      dryRun: Boolean(options['dryRun']),
    });
    const notes = [
      ...result.irreversible.map((i) => `irreversible: ${result.file}:${i.line}: ${i.reason}`),
      ...result.destructive.map((d) => `destructive: ${d}`),
      ...result.warnings.map((w) => `warning: ${w}`),
      ...(result.verified ? [] : result.remaining.map((r) => `not verified: ${r}`)),
    ];
    const verdict = !result.verified
      ? `failed: the rollback of ${result.file} did not verify; nothing was written.`
      : result.path
        ? `Rollback of ${result.file} verified on a throwaway database.`
        : result.version
          ? `DRY RUN: the rollback of ${result.file} verified; it would be written as version ${result.version}.`
          : `Nothing to roll back in ${result.file}.`;
    if (!ctx.json) for (const line of [...notes, verdict]) ctx.log(line);
    const text = result.path
      ? `Wrote ${path.relative(ctx.cwd, result.path).split(path.sep).join('/')}`
      : result.verified && result.dryRun
        ? result.sql.trimEnd()
        : '';
    return { data: result, text, exitCode: result.verified ? 0 : 1 };
  },
});
