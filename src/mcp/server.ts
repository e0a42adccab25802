// The stdio MCP server: registers every tool from the registry behind one error and result convention, confined
// to its roots (see roots.ts).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { closeWarm } from '../apply/warm.js';
import { describeError, isKodoError } from '../core/errors.js';
import { redactSecrets, shortenLongQuotes } from '../db/redact.js';
import { VERSION } from '../version.js';
import { confineDatabaseFiles } from './db-files.js';
import type { ToolContext, ToolDefinition } from './define.js';
import { INSTRUCTIONS } from './instructions.js';
import { Roots } from './roots.js';
import { StdioTransport } from './stdio-transport.js';
import { tools } from './tools/index.js';

const cwdField = z
  .string()
  .optional()
  .describe(
    'Project root, inside the server root(s) (absolute, or relative to the first root). Default: the first root (CLAUDE_PROJECT_DIR, else the server directory).',
  );

export function createServer(roots: Roots = new Roots([])): McpServer {
  const server = new McpServer(
    { name: 'kodo', version: VERSION },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  const draining = new Set<Promise<unknown>>();
  for (const tool of tools) register(server, tool as ToolDefinition, roots, draining);
  return server;
}

function register(
  server: McpServer,
  tool: ToolDefinition,
  roots: Roots,
  draining: Set<Promise<unknown>>,
): void {
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
      // A cancelled call still finishes the file in progress: the next call starts after it, so it sees the
      // database as that call left it.
      // Only tools that open a database wait, and not forever: a cancelled call that never ends must not wedge
      // the server.
      if ('db' in tool.inputSchema && draining.size > 0) await settledWithin([...draining], DRAIN_WAIT_MS);
      const { cwd, ...input } = args as { cwd?: string } & Record<string, unknown>;
      const token = extra._meta?.progressToken;
      const log: ToolContext['log'] = async (level, message) => {
        await server.sendLoggingMessage({ level, logger: tool.name, data: message }).catch(() => undefined);
      };
      const run = async () => {
        const root = roots.project(cwd);
        confineDatabaseFiles(roots, root, input['db']);
        const ctx: ToolContext = {
          cwd: root,
          path: (p, argument) => roots.path(root, p, argument),
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
          log,
        };
        const result = (await tool.handler(input as never, ctx)) as Record<string, unknown>;
        const verdict = tool.verdict?.(result as never);
        // A cancelled request's response is never delivered, so how far it got goes out as a log line.
        if (verdict?.cancelled && verdict.headline) await log('warning', verdict.headline);
        const json = JSON.stringify(result, null, 2);
        return {
          content: [
            { type: 'text' as const, text: verdict?.headline ? `${verdict.headline}\n${json}` : json },
          ],
          structuredContent: result,
          ...(verdict?.isError ? { isError: true } : {}),
        };
      };
      const running = run().catch((e: unknown) => {
        const message = redactSecrets(
          shortenLongQuotes(
            isKodoError(e) ? e.message : `Internal error in ${tool.name}: ${describeError(e)}`,
          ),
        );
        return { content: [{ type: 'text' as const, text: message }], isError: true };
      });
      const drain = () => {
        draining.add(running);
        void running.finally(() => draining.delete(running));
      };
      if (extra.signal.aborted) drain();
      else extra.signal.addEventListener('abort', drain, { once: true });
      return running;
    },
  );
}

/** How long a database tool waits for a cancelled call to finish its file before going ahead. */
const DRAIN_WAIT_MS = 120_000;

async function settledWithin(calls: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([Promise.allSettled(calls), timeout]);
  clearTimeout(timer);
}

/** Serves on stdio; `roots` are the --root folders (none: CLAUDE_PROJECT_DIR, else the start directory). */
export async function runStdioServer(rootDirs: string[] = []): Promise<void> {
  const roots = new Roots(rootDirs);
  const server = createServer(roots);
  await server.connect(new StdioTransport());
  // The client is gone: the warm check database (which holds a temporary folder) closes, and the process can end.
  process.stdin.once('end', () => void closeWarm());
  // stdout is the JSON-RPC channel: anything human goes to stderr.
  process.stderr.write(`kodo ${VERSION} MCP server on stdio, confined to ${roots.dirs.join(', ')}\n`);
}
