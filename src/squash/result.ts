// The answer of `kodo squash` / MCP squash_migrations: INTERFACES' `{ squashed, into, verified, backup, repair }`
// plus what a reviewer needs — the SQL, which data statements were kept or left out, and the history change.
import { z } from 'zod';

export const squashResultShape = {
  squashed: z.array(z.string()).describe('The versions folded into one file, in order.'),
  into: z
    .string()
    .describe(
      "The squashed file, relative to the project root: V's own in supabase-only mode, `<first version>_squashed_to_<V>.sql` in hybrid mode.",
    ),
  verified: z
    .boolean()
    .describe(
      'True only when the squashed file, applied to a fresh throwaway database, gave the same schema and the same rows (every user table, storage.buckets, cron jobs, vault secret names, sequences) as the originals.',
    ),
  backup: z
    .string()
    .nullable()
    .describe(
      'Where the originals were moved (.kodo/squashed/…); null on a dry run or when nothing was written.',
    ),
  repair: z
    .array(z.string())
    .describe(
      'The kodo repair commands a database that applied the originals needs (run for you with --db).',
    ),
  sql: z.string().describe('The squashed migration.'),
  data: z
    .enum(['statements', 'rows', 'none'])
    .describe(
      'How the data was carried: the original data statements verbatim, or (when those do not replay on the final schema) the rows they left plus the platform calls; none when there was none.',
    ),
  kept: z.array(
    z.object({ file: z.string(), line: z.number().int(), kind: z.string(), targets: z.array(z.string()) }),
  ),
  skipped: z.array(z.object({ file: z.string(), line: z.number().int(), reason: z.string() })),
  history: z
    .object({ target: z.string(), changed: z.boolean(), planId: z.string() })
    .nullable()
    .describe('The database named with --db: whether its history was (or on a dry run would be) rewritten.'),
  remaining: z
    .array(z.string())
    .describe('When not verified: what differed (objects, tables), or the error.'),
  warnings: z.array(z.string()),
  dryRun: z.boolean(),
};
export type SquashResult = z.infer<z.ZodObject<typeof squashResultShape>>;
