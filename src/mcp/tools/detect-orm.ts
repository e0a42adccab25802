// MCP tool `detect_orm`: each workspace's ORM, migration folder and version range (kodo detect).
import { detectProject, detectResultShape } from '../../detect/detect.js';
import { defineTool } from '../define.js';

export const detectOrmTool = defineTool({
  name: 'detect_orm',
  title: 'Detect ORMs and workspaces',
  description: `Call this first in any migration task: it tells whether the project is in hybrid mode (service version ranges) or supabase-only mode (timestamp versions), and for each workspace its language, ORM, migration tool, where the ORM writes its migrations, its version range and file prefix. Reads .kodo/config.json and scans the project files (package.json, drizzle.config.*, alembic.ini, pyproject.toml, requirements*.txt, Cargo.toml, and the files of Prisma, TypeORM, Knex, Kysely, Django, diesel, goose, Flyway…), never node_modules, target, .venv or other build folders. Writes nothing.

Each workspace lists its evidence (file: what was found) and its source: config, filesystem or config+filesystem. Warnings never block: unsupported-orm (detected, but kodo cannot sync it yet: write SQL migrations for it instead), orm-mismatch or language-mismatch (config and files disagree: ask the user which is right before creating migrations), config-path-missing, unconfigured-workspace (a service with an ORM that no config workspace covers: suggest adding it). An invalid .kodo/config.json is an error naming the JSON path to fix.

Use the workspace names it returns for allocate_version and create_migration; use range and prefix to explain where a migration will go.`,
  inputSchema: {},
  outputSchema: detectResultShape,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (_input, ctx) => detectProject(ctx.cwd),
});
