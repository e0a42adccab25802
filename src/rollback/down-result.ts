// The answer of `kodo down`: INTERFACES' `{ reverted, irreversible }` plus the plan a dry run shows and its planId.
import { z } from 'zod';

export const downResultShape = {
  target: z.string().describe('The database rolled back (never with a password).'),
  reverted: z.array(z.string()).describe('Versions rolled back, newest first (empty on a dry run).'),
  plan: z.array(z.object({ version: z.string(), file: z.string(), statements: z.array(z.string()) })),
  irreversible: z.array(
    z.object({ version: z.string(), line: z.number().int(), statement: z.string(), reason: z.string() }),
  ),
  destructive: z
    .array(z.string())
    .describe('What the rollbacks remove (objects the migrations added, with their rows).'),
  planId: z.string(),
  dryRun: z.boolean(),
  cancelled: z.boolean(),
  warnings: z.array(z.string()),
};
export type DownResult = z.infer<z.ZodObject<typeof downResultShape>>;
