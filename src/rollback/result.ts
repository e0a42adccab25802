// The answers of `kodo rollback` / MCP generate_rollback and `kodo down`, as INTERFACES.md shapes them, with the zod
// shapes the MCP tool declares.
import { z } from 'zod';
import { differenceShape } from '../diff/result.js';

export const irreversibleShape = z.object({
  line: z.number().int().describe('1-based line of the statement in the migration rolled back.'),
  statement: z.string().describe('The statement, on one line, shortened.'),
  reason: z.string().describe('What the rollback cannot bring back, and why.'),
});

export const rollbackResultShape = {
  file: z.string().describe('The migration rolled back (relative to the project root).'),
  path: z
    .string()
    .nullable()
    .describe(
      'The rollback migration written (absolute, as create_migration gives it); null on a dry run, when unverified, or when nothing changed.',
    ),
  version: z.string().nullable().describe('The version the rollback takes (also on a dry run).'),
  sql: z
    .string()
    .describe('The rollback migration: header (what it cannot undo, what it removes), statements.'),
  verified: z
    .boolean()
    .describe(
      'True only when, on a throwaway database, the migrations before the file, the file and this rollback gave the schema they had before the file, and the folder still applies with the rollback where its version sorts.',
    ),
  irreversible: z
    .array(irreversibleShape)
    .describe(
      'What the rollback cannot undo: rows deleted or changed, enum values added, calls with side effects.',
    ),
  destructive: z
    .array(z.string())
    .describe('What the rollback removes: objects the migration added, with any rows written to them since.'),
  differences: z
    .array(differenceShape)
    .describe('The schema changes undone (state after the file → before it).'),
  remaining: z.array(z.string()).describe('When not verified: what still differed, or the error.'),
  warnings: z.array(z.string()),
  dryRun: z.boolean(),
};
export type RollbackResult = z.infer<z.ZodObject<typeof rollbackResultShape>>;
