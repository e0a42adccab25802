// MCP tool `squash_migrations`: `kodo squash` — the migrations up to a version in one file, proven to build the same
// schema and rows, the originals moved to .kodo/squashed/, a database's history rewritten only with an approved plan.
import { z } from 'zod';
import { Project } from '../../project/project.js';
import { squashResultShape } from '../../squash/result.js';
import { runSquash } from '../../squash/squash.js';
import { defineTool } from '../define.js';

export const squashMigrationsTool = defineTool({
  name: 'squash_migrations',
  title: 'Squash migrations into one verified file',
  description:
    "Combine every migration up to `version` (default: the newest) into one file (supabase-only: it keeps that version and file name; hybrid: it takes the first folded version, `00000_squashed_to_<version>.sql`, so no service's next migration sorts before what it builds on): the schema as the files leave it (kodo's verified dump: tables, policies also on storage.objects, triggers also on auth.users, functions, grants, publications, …), then the originals' data statements verbatim in their order (inserts into user tables and storage.buckets, updates, deletes, cron.schedule, vault.create_secret) — unlike `supabase migration squash`, which drops them. When those statements do not rebuild the same rows on the final schema, the rows they left are written instead (`data`: \"rows\"). It is written only when proven: the squashed file applied to a fresh throwaway database gives the same schema and the same row fingerprints as the originals; otherwise `verified` is false and nothing moves. The originals move to .kodo/squashed/ (`backup`). Call with dryRun: true first and show the user the result. A database that already applied the originals needs its history rewritten: `repair` lists the kodo repair commands; with `db`, the dry run returns `history.planId`, and a second call with that planId (after the user approves) rewrites that database's history. kodo sync keeps tracking folded ORM files from the backup.",
  inputSchema: {
    version: z.string().optional().describe('The newest migration to fold (default: the newest file).'),
    dryRun: z.boolean().optional().describe('Build and verify the squashed file, move and write nothing.'),
    db: z
      .string()
      .optional()
      .describe(
        'A database that applied the originals ("embedded", "local" or a URL): its history is rewritten with an approved planId.',
      ),
    planId: z.string().optional().describe('history.planId of the dry run the user approved (with db).'),
  },
  outputSchema: squashResultShape,
  // Destructive to files (the originals leave supabase/migrations, V's file is replaced) and, with db, to a history.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  meta: { 'anthropic/requiresUserInteraction': true },
  handler: async ({ version, dryRun, db, planId }, ctx) =>
    runSquash(new Project(ctx.cwd), { version, dryRun: dryRun ?? false, db, planId, signal: ctx.signal }),
  verdict: (r) =>
    r.verified
      ? {
          headline: `verified: ${r.squashed.length} migrations ${r.dryRun ? 'would become' : 'became'} ${r.into} (data: ${r.data})${r.backup ? `; originals in ${r.backup}` : ''}.`,
        }
      : {
          isError: true,
          headline: `failed: the squash did not verify (${r.remaining.slice(0, 2).join('; ')}); nothing was written.`,
        },
});
