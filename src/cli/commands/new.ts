// `kodo new <name>`: creates a migration file with the next free version, never overwriting one.
import path from 'node:path';
import { Option } from 'commander';
import { parseJsonText } from '../../config/json.js';
import { readRegularFileSync } from '../../core/fs.js';
import { TEMPLATE_NAMES, type TemplateName } from '../../templates/names.js';
import { MIGRATION_KINDS, type MigrationKind } from '../../versions/allocate.js';
import { defineCommand } from '../define.js';
import { describeAllocation } from '../describe-allocation.js';

export const newCommand = defineCommand({
  name: 'new',
  summary: 'Create a migration in supabase/migrations with the next free version.',
  configure: (cmd) =>
    cmd
      .argument('<name>', 'what the migration does, e.g. "add orders" (normalised to snake_case)')
      .option('--workspace <name>', 'hybrid mode: a config workspace, bootstrap, shared, or node/python/rust')
      .addOption(
        new Option('--kind <kind>', 'schema (even) or behavior (odd); default: from the template').choices(
          MIGRATION_KINDS,
        ),
      )
      .addOption(
        new Option('--template <template>', 'default: empty (table with --table-spec)').choices(
          TEMPLATE_NAMES,
        ),
      )
      .option('--table-spec <file>', 'a JSON table spec (- for stdin) generating the table migration'),
  run: async (args, options, ctx) => {
    const { createMigration } = await import('../../migrations/create.js');
    const specFile = options['tableSpec'] as string | undefined;
    const created = await createMigration(ctx.cwd, {
      name: args[0] ?? '',
      workspace: options['workspace'] as string | undefined,
      kind: options['kind'] as MigrationKind | undefined,
      template: options['template'] as TemplateName | undefined,
      table: specFile === undefined ? undefined : await readTableSpec(specFile),
    });
    return {
      data: created,
      text: `Created ${created.file} (version ${created.version}, ${describeAllocation(created)})`,
      exitCode: 0,
    };
  },
});

/** A file path is relative to the shell's directory, as for any command-line file argument. */
async function readTableSpec(file: string): Promise<unknown> {
  // A regular file of bounded size: `--table-spec /dev/zero` must fail, not fill memory.
  const text =
    file === '-'
      ? await readStdin()
      : readRegularFileSync(path.resolve(file), `Table spec ${file}`).toString('utf8');
  return parseJsonText(text, `Table spec ${file}`, 'table-spec-invalid');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
