// The registry of CLI commands: one file per command, listed here explicitly.
import type { CommandDefinition } from '../define.js';

export const commands: CommandDefinition[] = [];
