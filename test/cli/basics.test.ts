// The CLI as a process: help, version, usage errors and the error-line convention.
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { runKodo } from '../helpers/cli.js';

describe('kodo (process)', () => {
  it('prints help listing the commands and exits 0', async () => {
    const run = await runKodo(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: kodo');
    for (const name of ['detect', 'allocate', 'new', 'mcp'])
      expect(run.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
  });

  it('prints its version', async () => {
    const run = await runKodo(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(VERSION);
  });

  it('rejects an unknown command with exit 2 and one error line, no stack trace', async () => {
    const run = await runKodo(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: unknown command 'frobnicate'/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown option with exit 2', async () => {
    const run = await runKodo(['detect', '--no-such-flag']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: unknown option '--no-such-flag'/);
  });

  it('gives every command --cwd and --json in its help', async () => {
    const help = await runKodo(['--help']);
    const names = [...help.stdout.matchAll(/^ {2}([a-z]+)\b/gm)]
      .map((m) => m[1]!)
      .filter((n) => n !== 'help' && n !== 'mcp');
    for (const name of names) {
      const run = await runKodo([name, '--help']);
      expect(run.code, name).toBe(0);
      // A group (kodo rls) lists its commands instead; each of those takes the options.
      const subcommands = run.stdout.includes('\nCommands:')
        ? [...run.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((n) => n !== 'help')
        : [];
      if (subcommands.length === 0) {
        expect(run.stdout, name).toContain('--cwd');
        expect(run.stdout, name).toContain('--json');
      }
      for (const sub of subcommands) {
        const inner = await runKodo([name, sub, '--help']);
        expect(inner.code, `${name} ${sub}`).toBe(0);
        expect(inner.stdout, `${name} ${sub}`).toContain('--cwd');
        expect(inner.stdout, `${name} ${sub}`).toContain('--json');
      }
    }
  });
});
