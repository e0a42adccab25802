// The `kodo` CLI: parses arguments, calls one core function per command, prints text or --json.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { describeError, isKodoError } from '../core/errors.js';
import { realDirectory } from '../core/project.js';
import { redactSecrets, shortenLongQuotes } from '../db/redact.js';
import { VERSION } from '../version.js';
import { commands } from './commands/index.js';
import type { CliContext, CommandDefinition } from './define.js';

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('kodo')
    .description('Supabase migrations for projects where several services share one database.')
    .version(VERSION, '-v, --version')
    // Program options only before the command: `kodo new x --version 00102` is new's option, not kodo's version.
    .enablePositionalOptions()
    .showHelpAfterError('(run kodo --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) })
    .exitOverride();

  for (const def of commands) {
    attach(program, def, (code) => {
      exitCode = code;
    });
  }
  program
    .command('mcp')
    .description('Run the MCP server on stdio (what .mcp.json starts).')
    .addOption(
      new Option('--root <dir>', 'a folder the tools may work in (repeatable)')
        .argParser((dir: string, dirs: string[]) => [...dirs, dir])
        .default([] as string[], 'CLAUDE_PROJECT_DIR, else the current directory'),
    )
    .action(async (options: { root: string[] }) => {
      // Every tool and its engines load only when the server runs.
      const { runStdioServer } = await import('../mcp/server.js');
      await runStdioServer(options.root);
      exitCode = -1; // keep the process alive while the transport is open
    });

  try {
    await program.parseAsync(argv, { from: 'node' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version "errors" are successes; everything else is bad usage.
      return e.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(
      // Scrubbed again here, whatever the message: a password must never reach a terminal or a CI log.
      `error: ${redactSecrets(
        shortenLongQuotes(isKodoError(e) ? e.message : `unexpected failure: ${describeError(e)}`),
      )}\n`,
    );
    return isKodoError(e) && e.kind === 'check' ? 1 : 2;
  }
  return exitCode;
}

function attach(program: Command, def: CommandDefinition, setExit: (code: number) => void): void {
  const [parentName, childName] = def.name.split(' ');
  let parent = program;
  let name = def.name;
  if (childName && parentName) {
    parent =
      program.commands.find((c) => c.name() === parentName) ??
      program.command(parentName).description(`${parentName} commands`);
    name = childName;
  }
  const cmd = def
    .configure(parent.command(name).description(def.summary))
    .addOption(new Option('--cwd <dir>', 'project root').default(process.cwd(), 'the current directory'))
    .option('--json', 'print one JSON document on stdout', false)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) })
    .action(async (...raw: unknown[]) => {
      const command = raw[raw.length - 1] as Command;
      const options = command.opts();
      const args = command.args;
      const cwd = path.resolve(String(options['cwd']));
      // Checked before any command runs: a missing root must not be created (up) nor reported as "all fine".
      realDirectory(cwd, `--cwd ${cwd}`, 'pass the root folder of an existing project');
      const ctx: CliContext = {
        cwd,
        json: Boolean(options['json']),
        log: (line) => process.stderr.write(`${line}\n`),
        interactive: Boolean(process.stderr.isTTY),
      };
      const result = await def.run(args, options, ctx);
      process.stdout.write(
        ctx.json ? `${JSON.stringify(result.data, null, 2)}\n` : ensureNewline(result.text),
      );
      setExit(result.exitCode);
    });
  void cmd;
}

function ensureNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
