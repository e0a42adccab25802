// MCP tool `allocate_version`: the next free migration version for a workspace (kodo allocate).
import { z } from 'zod';
import { allocateVersion, allocationShape, migrationKindSchema } from '../../versions/allocate-version.js';
import { defineTool } from '../define.js';

export const allocateVersionTool = defineTool({
  name: 'allocate_version',
  title: 'Allocate a migration version',
  description: `Returns the next free migration version for a workspace without writing anything. To create a migration, call create_migration instead: it allocates and writes under a lock, so prefer it over allocating then writing a file yourself.

Hybrid mode (.kodo/config.json with service ranges): versions are 5-digit numbers in the workspace's range (bootstrap 00000-00099, TypeScript 00100-00199, Python 00200-00299, Rust 00300-00399, shared 00400+); schema migrations get even numbers, behavior migrations (RLS, policies, triggers, functions) odd ones; a new version is always above every existing one in its range, gaps are never filled. Without hybrid config: a 14-digit UTC timestamp newer than every existing version.

A full range or an unknown workspace is an error that says what to do.`,
  inputSchema: {
    workspace: z
      .string()
      .optional()
      .describe(
        'A workspace from .kodo/config.json, bootstrap, shared, or a prefix (node, python, rust) naming one workspace. Default: the only workspace, if there is one.',
      ),
    kind: migrationKindSchema
      .optional()
      .describe('Default schema. behavior: RLS, policies, triggers, functions (odd).'),
  },
  outputSchema: allocationShape,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (input, ctx) => allocateVersion(ctx.cwd, { workspace: input.workspace, kind: input.kind }),
});
