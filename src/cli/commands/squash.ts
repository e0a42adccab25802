// `kodo squash [--version V]`: the migrations up to V in one file — the verified schema dump, then the originals'
// data statements — written only when a throwaway database built from it has the same schema and rows as one built
// from the originals. The originals move to .kodo/squashed/; a database's history changes only with --db and --yes.
import { Option } from 'commander';
import type { SquashResult } from '../../squash/result.js';
import { approve } from '../approve.js';
import { defineCommand } from '../define.js';
import { dbOption } from './db-option.js';

const HELP = `
Supabase-only (timestamp versions): the squashed file keeps V's version and name, as supabase migration squash
does. Hybrid (service ranges): it takes the first folded version (00000_squashed_to_V.sql), so no service's next
migration sorts before the objects it builds on; everything after V keeps its place. Data statements (inserts into
your tables and storage.buckets, updates, deletes, cron.schedule, vault.create_secret, …) are kept verbatim after
the schema; when they do not rebuild the same rows on the final schema, the rows they left are written instead.
The originals move to .kodo/squashed/, where kodo sync keeps tracking the files it copied from an ORM, and their
versions stay taken. A database that already applied the originals needs its history rewritten: the result lists
the kodo repair commands, and --db D --yes runs that change on D.
`;

export const squashCommand = defineCommand({
  name: 'squash',
  summary: 'Combine the migrations up to a version into one file, proven to build the same schema and rows.',
  configure: (cmd) =>
    cmd
      .option('--version <v>', 'the newest migration to fold (default: the newest file)')
      .option('--dry-run', 'print the squashed file, move nothing', false)
      .addOption(dbOption('a database that applied the originals: rewrite its history (needs --yes)'))
      .addOption(new Option('-y, --yes', 'rewrite the history of --db without asking').default(false))
      .addHelpText('after', HELP),
  run: async (_args, options, ctx) => {
    const [{ runSquash }, { Project }] = await Promise.all([
      import('../../squash/squash.js'),
      import('../../project/project.js'),
    ]);
    const result = await runSquash(new Project(ctx.cwd), {
      version: options['version'] as string | undefined,
      dryRun: Boolean(options['dryRun']),
      db: options['db'] as string | undefined,
      confirm: (r) =>
        approve(
          {
            plan: `History change on ${r.history!.target} (planId ${r.history!.planId}):\n${r.repair.map((c) => `  ${c}`).join('\n')}`,
            question: `Rewrite the migration history of ${r.history!.target}?`,
            action: `Rewriting the history of ${r.history!.target}`,
          },
          Boolean(options['yes']),
          ctx,
        ),
    });
    if (!ctx.json) for (const line of notes(result)) ctx.log(line);
    const text = !result.verified ? '' : result.dryRun ? result.sql.trimEnd() : `Wrote ${result.into}`;
    return { data: result, text, exitCode: result.verified ? 0 : 1 };
  },
});

function notes(r: SquashResult): string[] {
  const out = [
    ...r.skipped.map((s) => `left out: ${s.file}:${s.line}: ${s.reason}`),
    ...r.warnings.map((w) => `warning: ${w}`),
    ...(r.verified ? [] : r.remaining.map((x) => `not verified: ${x}`)),
  ];
  const n = r.squashed.length;
  if (!r.verified) out.push(`failed: the squash of ${n} migrations did not verify; nothing was written.`);
  else if (r.dryRun) out.push(`DRY RUN: ${n} migrations would become ${r.into} (verified; data: ${r.data}).`);
  else
    out.push(
      `Squashed ${n} migrations into ${r.into} (verified; data: ${r.data}); the originals are in ${r.backup}.`,
    );
  if (r.verified && !(r.history?.changed && !r.dryRun)) {
    out.push(`A database that applied the originals needs: ${r.repair.join(' && ')}`);
  } else if (r.history?.changed && !r.dryRun) out.push(`Rewrote the history of ${r.history.target}.`);
  return out;
}
