// Connects the MCP SDK's real Client to the kodo server over stdio, spawned exactly as .mcp.json says.
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { KODO_BIN, REPO_ROOT } from './cli.js';

interface McpJson {
  mcpServers: Record<string, { command: string; args: string[]; env?: Record<string, string> }>;
}

/** The server entry from .mcp.json with ${CLAUDE_PLUGIN_ROOT} substituted, as Claude Code does. */
export function pluginServerCommand(): { name: string; command: string; args: string[] } {
  const config = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, '.mcp.json'), 'utf8')) as McpJson;
  const [name, server] = Object.entries(config.mcpServers)[0]!;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal placeholder Claude Code substitutes.
  const placeholder = '${CLAUDE_PLUGIN_ROOT}';
  const expand = (s: string) =>
    s === `${placeholder}/dist/kodo.js` ? KODO_BIN : s.replaceAll(placeholder, REPO_ROOT);
  return {
    name,
    command: server.command === 'node' ? process.execPath : server.command,
    args: server.args.map(expand),
  };
}

export interface StdioOptions {
  /** Extra arguments after `mcp`, e.g. ['--root', dir]. */
  args?: string[];
  /** The server's start directory (default: the repository). */
  cwd?: string;
  /** More environment for the server (it gets PATH and HOME only, as a plugin's server would). */
  env?: Record<string, string>;
}

export async function connectStdio(projectDir: string | undefined, opts: StdioOptions = {}): Promise<Client> {
  const { command, args } = pluginServerCommand();
  const transport = new StdioClientTransport({
    command,
    args: [...args, ...(opts.args ?? [])],
    cwd: opts.cwd ?? REPO_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      ...(projectDir === undefined ? {} : { CLAUDE_PROJECT_DIR: projectDir }),
      // No check cache on disk unless a test asks for one (see cli.ts); the warm database is per server.
      KODO_CHECK_CACHE_MB: '0',
      ...opts.env,
    },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'kodo-test', version: '0' });
  await client.connect(transport);
  return client;
}

/** The server process's resident memory, in MB (Linux). */
export function serverRssMb(client: Client): number {
  const pid = (client.transport as StdioClientTransport).pid;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

export interface ToolAnswer<S = Record<string, unknown>> {
  isError: boolean;
  /** The first text content: the headline and JSON, or the error sentence. */
  text: string;
  structured: S;
}

/** Calls one tool and returns its answer as the suites read it. */
export async function callTool<S = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolAnswer<S>> {
  const result = (await client.callTool({ name, arguments: args }, CallToolResultSchema)) as CallToolResult;
  const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
  return { isError: result.isError === true, text, structured: result.structuredContent as S };
}

/** A tool answer's first line, after checking that the rest of its text is the same JSON as structuredContent. */
export function headline(answer: { text: string; structured: Record<string, unknown> }): string {
  const at = answer.text.indexOf('\n');
  expect(JSON.parse(answer.text.slice(at + 1))).toEqual(answer.structured);
  return answer.text.slice(0, at);
}
