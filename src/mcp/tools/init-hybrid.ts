// MCP tool `init_hybrid`: the hybrid bootstrap (kodo init).
import { z } from 'zod';
import { initProject } from '../../init/init.js';
import { initResultShape } from '../../init/result.js';
import { defineTool } from '../define.js';

export const initHybridTool = defineTool({
  name: 'init_hybrid',
  title: 'Set up hybrid migrations',
  description: `Sets a project up for hybrid migrations (several services sharing one Supabase database, numbered by service range). Call it once, first with dryRun: true to show the user the plan, then without.

Writes supabase/migrations/00000_extensions.sql (extensions in the extensions schema) and 00001_core_functions.sql (handle_updated_at() for updated_at triggers, get_org_id() reading the org_id claim of auth.jwt(), both security invoker with an empty search_path), and the workspaces detect_orm finds (Drizzle, SQLAlchemy/Alembic, SQLx, …) with their ranges into .kodo/config.json: TypeScript 00100-00199, Python 00200-00299, Rust 00300-00399, further services from 00500.

It never overwrites: an existing file, a version already taken by another file, or a config that already lists a workspace is skipped and files says why; an existing config only gains the missing workspaces, every other key kept. An invalid config is an error and nothing is written. A folder of timestamp migrations is refused (hybrid numbers would sort before them). Calling it again writes nothing.`,
  inputSchema: {
    dryRun: z.boolean().optional().describe('true: return the plan and every file content, write nothing.'),
  },
  outputSchema: initResultShape,
  // Adds files and config keys, never changes or removes any; a second call finds everything in place.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (input, ctx) => initProject(ctx.cwd, { dryRun: input.dryRun }),
});
