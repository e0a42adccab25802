// The registry of MCP tools: one file per tool, listed here explicitly.
import type { ToolDefinition } from '../define.js';
import { allocateVersionTool } from './allocate-version.js';
import { applyMigrationsTool } from './apply-migrations.js';
import { checkMigrationsTool } from './check-migrations.js';
import { createMigrationTool } from './create-migration.js';
import { detectOrmTool } from './detect-orm.js';
import { diffSchemaTool } from './diff-schema.js';
import { generateRollbackTool } from './generate-rollback.js';
import { getAdvisorsTool } from './get-advisors.js';
import { initHybridTool } from './init-hybrid.js';
import { migrationStatusTool } from './migration-status.js';
import { repairHistoryTool } from './repair-history.js';
import { resetDatabaseTool } from './reset-database.js';
import { squashMigrationsTool } from './squash-migrations.js';
import { syncOrmTool } from './sync-orm.js';
import { testRlsTool } from './test-rls.js';
import { validateMigrationsTool } from './validate-migrations.js';

// biome-ignore lint/suspicious/noExplicitAny: each tool keeps its own precise schema types.
export const tools: ToolDefinition<any, any>[] = [
  detectOrmTool,
  initHybridTool,
  allocateVersionTool,
  createMigrationTool,
  migrationStatusTool,
  applyMigrationsTool,
  repairHistoryTool,
  resetDatabaseTool,
  checkMigrationsTool,
  validateMigrationsTool,
  getAdvisorsTool,
  testRlsTool,
  syncOrmTool,
  diffSchemaTool,
  generateRollbackTool,
  squashMigrationsTool,
];
