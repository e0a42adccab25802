// The registry of MCP tools: one file per tool, listed here explicitly.
import type { ToolDefinition } from '../define.js';

// biome-ignore lint/suspicious/noExplicitAny: each tool keeps its own precise schema types.
export const tools: ToolDefinition<any, any>[] = [];
