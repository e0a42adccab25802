// MCP tool `create_migration`: allocates (or checks) a version and writes a new migration, or a hybrid table's
// schema/behaviour pair (kodo new).
import { z } from 'zod';
import { createdMigrationShape, createMigration, templateNameSchema } from '../../migrations/create.js';
import { tableSpecSchema } from '../../templates/table-spec.js';
import { migrationKindSchema } from '../../versions/allocate-version.js';
import { defineTool } from '../define.js';

export const createMigrationTool = defineTool({
  name: 'create_migration',
  title: 'Create a migration file',
  description: `Creates a new migration in supabase/migrations with the next free version and returns its path (files lists every file written); then edit it. It only adds files: it never overwrites or touches existing migrations, and nothing is written when the input is invalid.

Hybrid mode: pass the workspace (or omit it when there is exactly one); kind schema (even version) for tables/columns/indexes, behavior (odd) for RLS, policies, triggers, functions. Without hybrid config the version is a UTC timestamp. Omit version to get the next free one; a version you pass is refused, with the one to use, when it breaks the range rules.

Templates: empty (default), table, extensions and core_functions (hybrid bootstrap 00000 / 00001, workspace bootstrap by default).

For a new table pass "table", a typed spec; kodo generates re-runnable SQL, in hybrid mode as two files (table, indexes, foreign keys in the even version; the rest in the next odd one): id uuid, created_at, updated_at, your columns, an index on every foreign key and access column, foreign keys with ON DELETE, RLS enabled, select/insert/update/delete policies for the access pattern, an updated_at trigger and comments. access is one of {"owner":"user_id"} (owner-only via auth.uid()), {"org":"org_id"} (org isolation via public.get_org_id()), {"org":"org_id","owner":"user_id"} (org reads, owner writes), {"publicRead":true,"owner":"user_id"}; a missing access column is added. Types: text not varchar(n), bigint not int, timestamptz not timestamp, jsonb not json. Example: {"name":"orders","comment":"Customer orders.","columns":[{"name":"total","type":"numeric(12,2)","default":0}],"access":{"owner":"user_id"}}`,
  inputSchema: {
    name: z.string().describe('What the migration does, e.g. "add orders" (normalised to snake_case).'),
    workspace: z
      .string()
      .optional()
      .describe(
        'Hybrid mode: a workspace from .kodo/config.json, bootstrap, shared, or a prefix (node, python, rust).',
      ),
    kind: migrationKindSchema.optional().describe('Default: the template kind, else schema.'),
    template: templateNameSchema.optional(),
    version: z
      .string()
      .optional()
      .describe(
        'Default: the next free version. One you pass must be in the workspace range, even for schema and odd for behavior, and above every version in the range (or a newer 14-digit timestamp without hybrid config).',
      ),
    table: tableSpecSchema.optional().describe('A table spec; implies the table template.'),
  },
  outputSchema: createdMigrationShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  handler: async (input, ctx) =>
    createMigration(ctx.cwd, {
      name: input.name,
      workspace: input.workspace,
      kind: input.kind,
      template: input.template,
      version: input.version,
      table: input.table,
    }),
});
