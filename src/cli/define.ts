// What one CLI command is: its arguments and options, and a run function that calls one core function.
import type { Command } from 'commander';

export interface CliContext {
  /** Absolute project root from --cwd (default: the current directory). */
  cwd: string;
  json: boolean;
  /** Progress and logs: stderr only, so --json output stays one document. */
  log: (line: string) => void;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  interactive: boolean;
}

export interface CommandResult {
  /** The `--json` document. */
  data: unknown;
  /** Human text for stdout. */
  text: string;
  /** 0 success, 1 the check found problems, 130 stopped by Ctrl-C. Usage and input errors throw (exit 2). */
  exitCode: 0 | 1 | 130;
}

export interface CommandDefinition {
  /** `detect`, or a nested name such as `rls test`. */
  name: string;
  summary: string;
  /** Adds arguments and options (not --cwd/--json, which every command gets). */
  configure: (cmd: Command) => Command;
  run: (args: string[], options: Record<string, unknown>, ctx: CliContext) => Promise<CommandResult>;
}

export function defineCommand(def: CommandDefinition): CommandDefinition {
  return def;
}
