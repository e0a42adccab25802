// `kodo init`: the hybrid bootstrap (00000_extensions.sql, 00001_core_functions.sql, workspaces and ranges in
// .kodo/config.json); --dry-run prints what it would write and writes nothing.
import { defineCommand } from '../define.js';

export const initCommand = defineCommand({
  name: 'init',
  summary:
    'Set up hybrid mode: bootstrap migrations 00000/00001 and the detected workspaces with their ranges.',
  configure: (cmd) =>
    cmd.option('--dry-run', 'show every file and the config it would write, and write nothing', false),
  run: async (_args, options, ctx) => {
    const { initProject } = await import('../../init/init.js');
    const { initText } = await import('../init-text.js');
    const result = await initProject(ctx.cwd, { dryRun: options['dryRun'] === true });
    return { data: result, text: initText(result), exitCode: 0 };
  },
});
