// `kodo allocate`: prints the next free migration version for a workspace, writing nothing.
import { Option } from 'commander';
import { MIGRATION_KINDS, type MigrationKind } from '../../versions/allocate.js';
import { defineCommand } from '../define.js';
import { describeAllocation } from '../describe-allocation.js';

export const allocateCommand = defineCommand({
  name: 'allocate',
  summary: 'Print the next free migration version for a workspace (writes nothing).',
  configure: (cmd) =>
    cmd
      .option('--workspace <name>', 'a config workspace, bootstrap, shared, or a prefix (node, python, rust)')
      .addOption(
        new Option('--kind <kind>', 'schema (even) or behavior (odd)')
          .choices(MIGRATION_KINDS)
          .default('schema'),
      ),
  run: async (_args, options, ctx) => {
    const { allocateVersion } = await import('../../versions/allocate-version.js');
    const allocation = await allocateVersion(ctx.cwd, {
      workspace: options['workspace'] as string | undefined,
      kind: options['kind'] as MigrationKind,
    });
    return {
      data: allocation,
      text: `${allocation.version} (${describeAllocation(allocation)})`,
      exitCode: 0,
    };
  },
});
