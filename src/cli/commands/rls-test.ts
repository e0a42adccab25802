// `kodo rls test`: the RLS spec files and the automatic isolation matrix; exit 1 on a failed case or a leak.
import { Option } from 'commander';
import { KodoError } from '../../core/errors.js';
import { defineCommand } from '../define.js';
import { dbOption } from './db-option.js';

const HELP = `
Without --db, the migrations are replayed on a throwaway database (through the cache kodo check keeps) and
tested there. With --db (embedded, local, a URL), that database is tested as it is: every case runs in a
transaction that is rolled back, so no row is left behind (sequences a spec's fixtures use still advance).

Spec files: supabase/tests/rls/*.yaml, *.yml or *.json, or the paths given.

Matrix marks: ✓ own rows only   · nothing   LEAK another owner's rows reached   public granted to anon by a
policy written for anon   ? not proven (see the reasons listed)   no RLS: the table is exposed without RLS.
`;

export const rlsTestCommand = defineCommand({
  name: 'rls test',
  summary: 'Test row level security by behaviour: your spec files plus an automatic isolation matrix.',
  configure: (cmd) =>
    cmd
      .argument('[spec...]', 'spec files (default: supabase/tests/rls/*.yaml|yml|json)')
      .addOption(
        dbOption('database to test as it is: embedded, local, a URL (default: the migrations, replayed)'),
      )
      .addOption(
        new Option('--format <format>', 'text, json or markdown').choices(['text', 'json', 'markdown']),
      )
      .option('--no-matrix', 'run the spec files only')
      .addHelpText('after', HELP),
  run: async (args, options, ctx) => {
    const [{ testRls }, { Project }, text, { rlsMarkdown }] = await Promise.all([
      import('../../rls/test-rls.js'),
      import('../../project/project.js'),
      import('../../rls/report/text.js'),
      import('../../rls/report/markdown.js'),
    ]);
    const db = options['db'] as string | undefined;
    if (db !== undefined && db.trim() === '')
      throw new KodoError('invalid-db', '--db is empty; name a database or leave the option out.');
    const result = await testRls(new Project(ctx.cwd), {
      specs: args.length > 0 ? args : undefined,
      db,
      matrix: options['matrix'] !== false,
    });
    const format = ctx.json ? 'json' : ((options['format'] as string | undefined) ?? 'text');
    const exitCode = result.failed > 0 || result.leaks.length > 0 ? 1 : 0;
    if (format === 'json') return { data: result, text: JSON.stringify(result, null, 2), exitCode };
    const out =
      format === 'markdown' ? rlsMarkdown(result) : text.rlsText(result, text.styleFor(process.stdout));
    return { data: result, text: out, exitCode };
  },
});
