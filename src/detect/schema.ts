// The result of ORM detection as zod schemas: the MCP tool's outputSchema, `kodo detect --json`, and the types.
import { z } from 'zod';

export const rangeSchema = z.object({
  start: z.string().describe('First version of the range, e.g. "00100".'),
  end: z.string().describe('Last version of the range, e.g. "00199".'),
});

export const detectWarningSchema = z.object({
  code: z
    .string()
    .describe(
      'unsupported-orm, orm-mismatch, language-mismatch, config-path-missing, orm-not-found, workspace-unmatched, ambiguous-match, unconfigured-workspace, multiple-orms, non-postgres-dialect, unparsable-file.',
    ),
  message: z.string(),
});

export const detectedWorkspaceSchema = z.object({
  name: z.string().describe('Config workspace name, or the folder name for a workspace found only on disk.'),
  language: z.string(),
  orm: z
    .string()
    .nullable()
    .describe('drizzle, sqlalchemy, sqlx, or a recognised unsupported tool; null = plain SQL.'),
  migrationTool: z.string().nullable().describe('drizzle-kit, alembic, sqlx-cli, supabase, …'),
  migrationsDir: z
    .string()
    .nullable()
    .describe('Where the tool writes its migrations, relative to the project root; null when unknown.'),
  range: rangeSchema
    .nullable()
    .describe(
      'Hybrid mode: the workspace version range. null: timestamps apply, or the workspace is not configured.',
    ),
  source: z.enum(['config', 'filesystem', 'config+filesystem']),
  evidence: z.array(z.string()).describe('What was found, each line starting with a relative path.'),
  path: z
    .string()
    .nullable()
    .describe('The workspace folder relative to the project root ("." for the root).'),
  prefix: z.string().nullable().describe('Hybrid mode: the file-name prefix (node, python, rust, …).'),
  supported: z.boolean().describe('False for ORMs kodo detects but cannot sync yet.'),
});

export const rangeOwnerSchema = z.object({
  workspace: z.string(),
  prefix: z.string().nullable(),
  range: rangeSchema,
});

export const detectResultShape = {
  mode: z.enum(['hybrid', 'supabase-only']),
  configFile: z
    .string()
    .nullable()
    .describe('The config read, relative to the project root; null when none.'),
  workspaces: z.array(detectedWorkspaceSchema),
  ranges: z
    .array(rangeOwnerSchema)
    .describe('Hybrid mode: every range including bootstrap and shared, by start; empty otherwise.'),
  warnings: z.array(detectWarningSchema),
};

export const detectResultSchema = z.object(detectResultShape);

export type DetectResult = z.infer<typeof detectResultSchema>;
export type DetectedWorkspace = z.infer<typeof detectedWorkspaceSchema>;
