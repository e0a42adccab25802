// `kodo lint [PATH…]`: static validation of migrations without a database, in text, json, sarif or github form.
import { Option } from 'commander';
import { KodoError } from '../../core/errors.js';
import { FORMATS, type Format } from '../../lint/report/formats.js';
import { defineCommand } from '../define.js';

export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'Check migrations without a database: syntax, locks, RLS and policies, secrets, version order.',
  configure: (cmd) =>
    cmd
      .argument('[paths...]', 'migration files or folders (default: supabase/migrations)')
      .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('text')),
  run: async (args, options, ctx) => {
    const format = (ctx.json ? 'json' : String(options['format'] ?? 'text')) as Format;
    if (!FORMATS.includes(format)) {
      throw new KodoError('invalid-format', `--format must be one of ${FORMATS.join(', ')}.`);
    }
    // The WASM parser starts compiling (on V8's background threads) while the linter's modules load; a failure
    // to load it surfaces from lintProject, which awaits the same promise.
    void import('../../sql/parse.js').then((m) => m.loadParser()).catch(() => undefined);
    // Loaded on demand: the linter is most of the bundle, and other commands never need it.
    const [{ lintProject }, { formatRun }, { toJson }] = await Promise.all([
      import('../../lint/project.js'),
      import('../../lint/report/index.js'),
      import('../../lint/report/json.js'),
    ]);
    const run = await lintProject({ cwd: ctx.cwd, paths: args });
    return {
      data: toJson(run),
      text: formatRun(run, format),
      exitCode: run.summary.errors > 0 ? 1 : 0,
    };
  },
});
