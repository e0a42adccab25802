// zod shapes shared by the migration tools' outputs (status, apply, check); the core result types must fit them.
import { z } from 'zod';

export const dbInput = z
  .string()
  .optional()
  .describe(
    'Database: "embedded" (default, .kodo/db), "memory", "local" (Supabase local stack), a postgres:// URL or a libpq key=value string (host=… dbname=…).',
  );

export const failureSchema = z
  .object({
    file: z.string(),
    version: z.string(),
    line: z.number().int().describe('1-based line in the file'),
    column: z.number().int().describe('1-based column in the file (characters)'),
    sqlstate: z.string().nullable(),
    message: z.string(),
    hint: z.string().nullable(),
    detail: z.string().nullable(),
    statement: z
      .number()
      .int()
      .nullable()
      .describe('1-based statement index; null when the history insert failed'),
  })
  .nullable();

export const shimSchema = z
  .object({ installed: z.boolean(), wouldInstall: z.boolean(), parts: z.array(z.string()) })
  .nullable()
  .describe('Supabase platform shim for a plain Postgres server (roles, auth, storage, extensions)');

export const textList = z.array(z.string());

/** INTERFACES.md's Finding. */
export const findingSchema = z.object({
  rule: z.string().describe('Rule id, e.g. rls-disabled-in-public; docs/rules/<rule>.md explains it.'),
  severity: z.enum(['error', 'warning', 'info']),
  file: z.string().describe('Path relative to the project root.'),
  line: z.number().int().describe('1-based line.'),
  column: z.number().int().describe('1-based column, in characters.'),
  message: z.string(),
  help: z.string(),
});
