// What one MCP tool is: its schemas, annotations and description, kept apart from the server wiring.
import type { z } from 'zod';

export interface ToolAnnotationsStrict {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolContext {
  /** Absolute project root (the tool's `cwd`, else CLAUDE_PROJECT_DIR, else the server's cwd). */
  cwd: string;
  /** Reports progress when the client asked for it; a no-op otherwise. */
  progress: (done: number, total: number | undefined, message?: string) => Promise<void>;
  /** Logs to the client (notifications/message). */
  log: (level: 'info' | 'warning' | 'error', message: string) => Promise<void>;
  signal: AbortSignal;
}

export interface ToolDefinition<
  I extends z.ZodRawShape = z.ZodRawShape,
  O extends z.ZodRawShape = z.ZodRawShape,
> {
  name: string;
  title: string;
  /** Under 2 KB: Claude Code truncates longer descriptions. Put when-to-use and never-rules first. */
  description: string;
  /** Raw zod shape; the server adds the optional `cwd` every tool takes. */
  inputSchema: I;
  outputSchema: O;
  annotations: ToolAnnotationsStrict;
  /** Passed through to tools/list, e.g. `anthropic/requiresUserInteraction`. */
  meta?: Record<string, unknown>;
  handler: (input: z.infer<z.ZodObject<I>>, ctx: ToolContext) => Promise<z.infer<z.ZodObject<O>>>;
}

/** Identity helper that keeps each tool's input and output types tied to its schemas. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return def;
}
