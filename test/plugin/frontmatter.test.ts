// Checks the plugin's prose files the way Claude Code's lenient loader does not: strict YAML, names, links, tool names.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tools } from '../../src/mcp/tools/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SKILL_NAME_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_DESCRIPTION = 1024;
// biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code's own placeholder, written literally in .mcp.json.
const PLUGIN_ROOT_VAR = '${CLAUDE_PLUGIN_ROOT}';

function readJson(rel: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;
}

/** Files relative to the root, sorted; only regular files ending in `suffix`. */
function listFiles(dirRel: string, suffix: string): string[] {
  const dir = path.join(root, dirRel);
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

const commandFiles = fs
  .readdirSync(path.join(root, 'commands'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `commands/${f}`);
const skillDirs = fs
  .readdirSync(path.join(root, 'skills'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const skillFiles = skillDirs.map((d) => `skills/${d}/SKILL.md`);
const proseFiles = [...commandFiles, ...listFiles('skills', '.md')];

interface Parsed {
  data: Record<string, unknown>;
  body: string;
}

/** Splits `---` frontmatter from the body and parses it as strict YAML; any YAML error throws. */
function parseFrontmatter(rel: string): Parsed {
  const text = fs.readFileSync(path.join(root, rel), 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${rel} does not start with a --- frontmatter block closed by ---.`);
  const data: unknown = parse(m[1]!, { strict: true, uniqueKeys: true, prettyErrors: true });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${rel}: frontmatter must be a YAML mapping.`);
  }
  return { data: data as Record<string, unknown>, body: m[2]! };
}

describe('the plugin files exist', () => {
  it('has the command and both skills the contract names', () => {
    expect(commandFiles).toContain('commands/supa-migrate.md');
    expect(skillDirs.sort()).toEqual(['database-migration', 'supabase']);
  });
});

describe.each([...commandFiles, ...skillFiles])('frontmatter of %s', (rel) => {
  it('is a YAML mapping with a description of at most 1024 characters', () => {
    const { data } = parseFrontmatter(rel);
    expect(typeof data['description']).toBe('string');
    const description = (data['description'] as string).trim();
    expect(description.length).toBeGreaterThan(20);
    expect(description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
  });
});

describe.each(skillFiles)('skill %s', (rel) => {
  it('has a name equal to its folder, in kebab-case', () => {
    const { data } = parseFrontmatter(rel);
    const folder = path.basename(path.dirname(rel));
    expect(data['name']).toBe(folder);
    expect(folder).toMatch(SKILL_NAME_RE);
  });

  it('stays under 500 lines', () => {
    const lines = fs.readFileSync(path.join(root, rel), 'utf8').split('\n').length;
    expect(lines).toBeLessThan(500);
  });
});

describe.each(commandFiles)('command %s', (rel) => {
  it('takes its input through $ARGUMENTS, never the ambiguous $1..$9', () => {
    const { data, body } = parseFrontmatter(rel);
    expect(body).toContain('$ARGUMENTS');
    // $N is 0-based in current Claude Code and 1-based in older docs: either way it is a trap.
    const text = `${JSON.stringify(data)}\n${body}`;
    expect(text.match(/\$[1-9]/g) ?? []).toEqual([]);
  });

  it('has an argument hint and pre-approves only plugin-scoped kodo tools or built-in tools', () => {
    const { data } = parseFrontmatter(rel);
    expect(typeof data['argument-hint']).toBe('string');
    const allowed = String(data['allowed-tools'] ?? '')
      .split(/[\s,]+/)
      .filter(Boolean);
    expect(allowed.length).toBeGreaterThan(0);
    for (const tool of allowed) {
      if (tool.startsWith('mcp__')) expect(tool).toMatch(/^mcp__plugin_kodo_kodo__[a-z0-9_]+$/);
      else expect(tool).toMatch(/^[A-Z][A-Za-z]+(\(.+\))?$/);
    }
  });
});

describe('supa-migrate', () => {
  it('covers every action of the contract', () => {
    const { body } = parseFrontmatter('commands/supa-migrate.md');
    const actions = [...body.matchAll(/^### `([a-z]+)/gm)].map((m) => m[1]);
    expect(actions.sort()).toEqual(
      [
        'check',
        'init',
        'list',
        'new',
        'repair',
        'reset',
        'rls',
        'rollback',
        'squash',
        'status',
        'sync',
        'up',
        'validate',
      ].sort(),
    );
  });

  it('does not pre-approve the tools that change a database', () => {
    const { data } = parseFrontmatter('commands/supa-migrate.md');
    const allowed = String(data['allowed-tools']);
    expect(allowed).not.toContain('apply_migrations');
    expect(allowed).not.toContain('repair_history');
    expect(allowed).not.toContain('reset_database');
    expect(allowed).not.toContain('squash_migrations');
  });
});

describe('links in the skills', () => {
  const linkRe = /\[[^\]]*\]\(([^)\s]+)\)/g;

  it.each(listFiles('skills', '.md'))('%s links only to files that exist', (rel) => {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const targets = [...text.matchAll(linkRe)]
      .map((m) => m[1]!)
      .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
    for (const target of targets) {
      const file = path.resolve(path.dirname(path.join(root, rel)), target.split('#')[0]!);
      expect(fs.existsSync(file), `${rel} links to ${target}, which does not exist`).toBe(true);
    }
  });

  it('the supabase skill links every ORM reference', () => {
    const text = fs.readFileSync(path.join(root, 'skills/supabase/SKILL.md'), 'utf8');
    const targets = [...text.matchAll(linkRe)].map((m) => m[1]);
    expect(targets).toEqual(
      expect.arrayContaining([
        'references/hybrid-orm-architecture.md',
        'references/drizzle-integration.md',
        'references/python-sqlalchemy-integration.md',
        'references/rust-sqlx-integration.md',
      ]),
    );
  });
});

describe('tool names in commands and skills', () => {
  const prefix = 'mcp__plugin_kodo_kodo__';

  it('the prefix is the one Claude Code derives from plugin.json and .mcp.json', () => {
    const plugin = readJson('.claude-plugin/plugin.json');
    const servers = Object.keys(readJson('.mcp.json')['mcpServers'] as object);
    expect(servers).toEqual(['kodo']);
    expect(`mcp__plugin_${String(plugin['name'])}_${servers[0]}__`).toBe(prefix);
  });

  it('every mcp__ name in the prose is plugin-scoped and registered in src/mcp/tools/index.ts', () => {
    const registered = new Set(tools.map((t) => t.name));
    const mentioned = new Map<string, string>();
    for (const rel of proseFiles) {
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      for (const m of text.matchAll(/\bmcp__[A-Za-z0-9_-]+/g)) {
        const name = m[0];
        expect(name.startsWith(prefix), `${rel} names ${name}, which is not ${prefix}<tool>`).toBe(true);
        mentioned.set(name.slice(prefix.length), rel);
      }
    }
    expect(mentioned.size).toBeGreaterThan(0);
    const unknown = [...mentioned].filter(([tool]) => !registered.has(tool)).map(([t, f]) => `${t} (${f})`);
    expect(unknown, 'tools named in commands/skills but not registered').toEqual([]);
  });
});

describe('manifests', () => {
  it('plugin.json and the marketplace entry carry the package version', () => {
    const version = readJson('package.json')['version'];
    expect(readJson('.claude-plugin/plugin.json')['version']).toBe(version);
    const market = readJson('.claude-plugin/marketplace.json');
    const entries = market['plugins'] as Array<Record<string, unknown>>;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ name: 'kodo', source: './', version });
  });

  it('.mcp.json starts the committed bundle with `mcp`, and the bundle exists', () => {
    const server = (
      readJson('.mcp.json')['mcpServers'] as Record<string, { command: string; args: string[] }>
    )['kodo']!;
    expect(server.command).toBe('node');
    expect(server.args).toEqual([`${PLUGIN_ROOT_VAR}/dist/kodo.js`, 'mcp']);
    const bundle = server.args[0]!.replace(PLUGIN_ROOT_VAR, root);
    expect(fs.statSync(bundle).isFile()).toBe(true);
  });
});
