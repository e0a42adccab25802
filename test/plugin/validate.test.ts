// Runs Claude Code's own validator (`claude plugin validate --strict`) on the repository and on broken copies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const claude = path.join(root, 'node_modules/.bin/claude');
const hasClaude = fs.existsSync(claude);
const PLUGIN_FILES = ['.claude-plugin', '.mcp.json', 'commands', 'skills'];

if (!hasClaude && !process.env.CI) {
  console.warn(
    `\n!!! SKIPPED the Claude Code plugin validator tests: ${claude} is missing.\n` +
      '!!! Run `npm ci` (it installs @anthropic-ai/claude-code) to run them; in CI they fail instead.\n',
  );
}

interface Finding {
  path: string;
  message: string;
}

interface Report {
  success: boolean;
  strict: boolean;
  manifest: { file: string; type: string; errors: Finding[]; warnings: Finding[] };
  provides: { mcpServers: Array<{ name: string }>; skills: string[]; commands: string[] };
}

async function validate(target: string, ...flags: string[]) {
  return execa(claude, ['plugin', 'validate', target, ...flags], {
    cwd: root,
    reject: false,
    timeout: 60_000,
  });
}

async function validateJson(target: string, ...flags: string[]): Promise<Report> {
  const result = await validate(target, '--json', ...flags);
  return JSON.parse(result.stdout) as Report;
}

describe.skipIf(!hasClaude && !process.env.CI)('claude plugin validate', () => {
  it('the claude binary from @anthropic-ai/claude-code is installed', () => {
    expect(hasClaude, `${claude} is missing; npm ci installs it`).toBe(true);
  });

  describe('on the repository', () => {
    it('passes --strict on the root (the marketplace and its plugin) with exit 0', async () => {
      const result = await validate('.', '--strict');
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('Validation passed');
    });

    it('reports success in --strict --json with no errors or warnings, and provides every component', async () => {
      const report = await validateJson('.', '--strict');
      expect(report.success).toBe(true);
      expect(report.strict).toBe(true);
      expect(report.manifest.type).toBe('marketplace');
      expect(report.manifest.errors).toEqual([]);
      expect(report.manifest.warnings).toEqual([]);
      expect(report.provides.mcpServers.map((s) => s.name)).toEqual(['kodo']);
      expect([...report.provides.skills].sort()).toEqual(['kodo:database-migration', 'kodo:supabase']);
      expect(report.provides.commands).toEqual(['kodo:supa-migrate']);
    });

    it('passes --strict on the plugin manifest itself', async () => {
      const report = await validateJson('.claude-plugin/plugin.json', '--strict');
      expect(report.manifest.type).toBe('plugin');
      expect(report.manifest.errors).toEqual([]);
      expect(report.manifest.warnings).toEqual([]);
      expect(report.success).toBe(true);
    });
  });

  describe('on a broken copy', () => {
    let dir: string;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kodo-plugin-'));
    });

    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A fresh copy of the plugin files in its own folder, with plugin.json changed by `edit`. */
    function brokenCopy(label: string, edit: (manifest: Record<string, unknown>) => void): string {
      const copy = path.join(dir, label);
      for (const entry of PLUGIN_FILES) {
        fs.cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
      }
      const file = path.join(copy, '.claude-plugin/plugin.json');
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      edit(manifest);
      fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
      return copy;
    }

    it('an unbroken copy passes, so the failures below come from the edits', async () => {
      const copy = brokenCopy('intact', () => undefined);
      const result = await validate(copy, '--strict');
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    });

    it('fails --strict when keywords is a string instead of an array', async () => {
      const copy = brokenCopy('keywords', (m) => {
        m['keywords'] = 'x';
      });
      const result = await validate(copy, '--strict');
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(/keywords: Invalid input: expected array, received string/);
      const report = await validateJson(copy, '--strict');
      expect(report.success).toBe(false);
    });

    it('fails only under --strict when plugin.json has an unknown field', async () => {
      const copy = brokenCopy('unknown-field', (m) => {
        m['keyword'] = ['x'];
      });
      const lenient = await validate(copy);
      expect(lenient.exitCode, lenient.stdout).toBe(0);
      const strict = await validateJson(copy, '--strict');
      expect(strict.success).toBe(false);
      expect(strict.manifest.warnings.map((w) => w.message).join('\n')).toMatch(/Unknown field 'keyword'/);
    });
  });
});
