// The stdio MCP server: registers every tool from the registry behind one error and result convention.
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { describeError, isKodoError } from '../core/errors.js';
import { defaultProjectRoot } from '../core/project.js';
import { VERSION } from '../version.js';
import type { ToolContext, ToolDefinition } from './define.js';
import { INSTRUCTIONS } from './instructions.js';
import { tools } from './tools/index.js';

const cwdField = z
  .string()
  .optional()
  .describe(
    'Project root (absolute, or relative to the server). Default: CLAUDE_PROJECT_DIR, else the server directory.',
  );

export function createServer(): McpServer {
  const server = new McpServer(
    { name: 'kodo', version: VERSION },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  for (const tool of tools) register(server, tool as ToolDefinition);
  return server;
}

function register(server: McpServer, tool: ToolDefinition): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: { ...tool.inputSchema, cwd: cwdField },
      outputSchema: tool.outputSchema,
      annotations: { title: tool.title, ...tool.annotations },
      ...(tool.meta ? { _meta: tool.meta } : {}),
    },
    async (args: Record<string, unknown>, extra) => {
      const { cwd, ...input } = args as { cwd?: string } & Record<string, unknown>;
      const token = extra._meta?.progressToken;
      const ctx: ToolContext = {
        cwd: cwd ? path.resolve(defaultProjectRoot(), cwd) : defaultProjectRoot(),
        signal: extra.signal,
        progress: async (progress, total, message) => {
          if (token === undefined) return;
          await extra.sendNotification({
            method: 'notifications/progress',
            params: {
              progressToken: token,
              progress,
              ...(total === undefined ? {} : { total }),
              ...(message ? { message } : {}),
            },
          });
        },
        log: async (level, message) => {
          await server.sendLoggingMessage({ level, logger: tool.name, data: message }).catch(() => undefined);
        },
      };
      try {
        const result = (await tool.handler(input as never, ctx)) as Record<string, unknown>;
        return {
          content: [{ type: 'text' as const, text: JSON.stringify(result, null, 2) }],
          structuredContent: result,
        };
      } catch (e) {
        const message = isKodoError(e) ? e.message : `Internal error in ${tool.name}: ${describeError(e)}`;
        return { content: [{ type: 'text' as const, text: message }], isError: true };
      }
    },
  );
}

export async function runStdioServer(): Promise<void> {
  const server = createServer();
  await server.connect(new StdioServerTransport());
  // stdout is the JSON-RPC channel: anything human goes to stderr.
  process.stderr.write(`kodo ${VERSION} MCP server on stdio\n`);
}
