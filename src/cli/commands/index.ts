// The registry of CLI commands: one file per command, listed here explicitly.
import type { CommandDefinition } from '../define.js';
import { advisorsCommand } from './advisors.js';
import { allocateCommand } from './allocate.js';
import { checkCommand } from './check.js';
import { detectCommand } from './detect.js';
import { diffCommand } from './diff.js';
import { downCommand } from './down.js';
import { dumpCommand } from './dump.js';
import { initCommand } from './init.js';
import { lintCommand } from './lint.js';
import { listCommand } from './list.js';
import { newCommand } from './new.js';
import { repairCommand } from './repair.js';
import { resetCommand } from './reset.js';
import { rlsDiffCommand } from './rls-diff.js';
import { rlsTestCommand } from './rls-test.js';
import { rollbackCommand } from './rollback.js';
import { squashCommand } from './squash.js';
import { statusCommand } from './status.js';
import { syncCommand } from './sync.js';
import { upCommand } from './up.js';

export const commands: CommandDefinition[] = [
  detectCommand,
  initCommand,
  allocateCommand,
  newCommand,
  listCommand,
  statusCommand,
  syncCommand,
  upCommand,
  repairCommand,
  resetCommand,
  checkCommand,
  lintCommand,
  advisorsCommand,
  rlsTestCommand,
  rlsDiffCommand,
  diffCommand,
  dumpCommand,
  rollbackCommand,
  downCommand,
  squashCommand,
];
