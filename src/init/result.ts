// The result of `kodo init` / `init_hybrid` as zod shapes: the MCP tool's outputSchema, `--json`, and the types.
import { z } from 'zod';

export const initFileSchema = z.object({
  path: z.string().describe('Relative to the project root.'),
  action: z
    .enum(['create', 'update', 'skip'])
    .describe('create: a new file; update: the config gains workspaces; skip: left as it is.'),
  reason: z.string().describe('Why, in one sentence.'),
  content: z
    .string()
    .nullable()
    .describe('What is (or, in a dry run, would be) written; null for a skipped file.'),
});

export const initWorkspaceSchema = z.object({
  name: z.string(),
  language: z.string(),
  orm: z.string().nullable(),
  path: z.string().nullable(),
  range: z.object({ start: z.string(), end: z.string() }).nullable(),
  status: z
    .enum(['added', 'kept', 'skipped'])
    .describe('added: written into the config now; kept: already configured; skipped: see reason.'),
  reason: z.string().nullable(),
});

export const initResultShape = {
  dryRun: z.boolean(),
  written: z.array(z.string()).describe('Files written, relative to the root; empty in a dry run.'),
  skipped: z.array(z.string()).describe('Files left as they are (the reason is in files).'),
  planned: z
    .array(z.string())
    .describe('Files this run writes, or in a dry run would write (created or updated).'),
  files: z.array(initFileSchema).describe('Every file init considered, with its action and reason.'),
  workspaces: z.array(initWorkspaceSchema).describe('Detected and configured workspaces with their ranges.'),
};

export type InitFile = z.infer<typeof initFileSchema>;
export type InitWorkspace = z.infer<typeof initWorkspaceSchema>;
export type InitResult = z.infer<z.ZodObject<typeof initResultShape>>;
