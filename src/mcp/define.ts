// What one MCP tool is: its schemas, annotations and description, kept apart from the server wiring.
import type { z } from 'zod';

export interface ToolAnnotationsStrict {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolContext {
  /** Real path of the project root: the tool's `cwd`, else the server's first root; always inside a root. */
  cwd: string;
  /** Reports progress when the client asked for it; a no-op otherwise. */
  progress: (done: number, total: number | undefined, message?: string) => Promise<void>;
  /** Logs to the client (notifications/message). */
  log: (level: 'info' | 'warning' | 'error', message: string) => Promise<void>;
  /** An absolute path for a path argument; refused (KodoError naming `argument`) outside the server's roots. */
  path: (p: string, argument: string) => string;
  /** Aborted when the client cancels the call: stop between files. */
  signal: AbortSignal;
}

/** How a result reads beyond its JSON. */
export interface ToolVerdict {
  /** The first line of the text, before the JSON: one verdict a reader can stop at. */
  headline?: string;
  /** The requested change did not complete (e.g. an apply stopped by a failed file). */
  isError?: boolean;
  /** The run was cancelled: the headline (how far it got) is also logged, as the client drops the answer. */
  cancelled?: boolean;
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
  verdict?: (result: z.infer<z.ZodObject<O>>) => ToolVerdict;
}

/** Identity helper that keeps each tool's input and output types tied to its schemas. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return def;
}
