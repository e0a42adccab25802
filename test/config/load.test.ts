// Config loading: every bad .kodo/config.json names where it is wrong and what to do; no file means supabase-only.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { KodoError } from '../../src/core/errors.js';
import { resolveRanges } from '../../src/versions/ranges.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

function configError(text: string): KodoError {
  try {
    resolveRanges(parseConfig(text, '/p/.kodo/config.json'));
  } catch (e) {
    expect(e).toBeInstanceOf(KodoError);
    expect((e as KodoError).code).toBe('config-invalid');
    return e as KodoError;
  }
  throw new Error('expected a config error');
}

const ws = (language: string, range?: [string, string]) => ({
  language,
  database: {
    orm: { name: 'x' },
    migrationStrategy: {
      type: 'hybrid',
      ...(range ? { serviceRange: { start: range[0], end: range[1] } } : {}),
    },
  },
});
const config = (workspaces: Record<string, unknown>, serviceRanges?: Record<string, string>) =>
  JSON.stringify({ stack: { workspaces, ...(serviceRanges ? { sharedDatabase: { serviceRanges } } : {}) } });

describe('loadConfig', () => {
  it('treats a project without .kodo/config.json as supabase-only', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-config-'));
    dirs.push(root);
    const config = await loadConfig(root);
    expect(config).toMatchObject({ file: null, mode: 'supabase-only', workspaces: [] });
  });

  it('reads a hybrid config from the project', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-config-'));
    dirs.push(root);
    await fs.mkdir(path.join(root, '.kodo'));
    await fs.writeFile(path.join(root, '.kodo/config.json'), config({ server: ws('TypeScript') }));
    const loaded = await loadConfig(root);
    expect(loaded.mode).toBe('hybrid');
    expect(loaded.workspaces).toEqual([
      {
        name: 'server',
        language: 'typescript',
        path: undefined,
        orm: 'x',
        strategy: 'hybrid',
        range: undefined,
      },
    ]);
  });
});

describe('invalid JSON', () => {
  it.each([
    ['{\n  "stack": {\n    "workspaces": }\n}', 3, 19, 'expected a value but found "}"'],
    ['{"stack": {},}', 1, 14, 'expected a property name in double quotes but found "}"'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected "," or "}" but found "\\""'],
    ['{"a": [1, 2', 1, 12, 'expected "," or "]" but found end of file'],
    ['', 1, 1, 'expected a value but found end of file'],
    ['{"a": tru}', 1, 10, 'expected "true" but found "}"'],
    ['{} {}', 1, 4, 'expected the end of the file after the JSON value but found "{"'],
    ['{"é": x}', 1, 7, 'expected a value but found "x"'],
  ])('reports %j at line %i, column %i', (text, line, column, problem) => {
    const e = configError(text);
    expect(e.message).toBe(
      `.kodo/config.json is not valid JSON: ${problem} at line ${line}, column ${column}; fix the syntax.`,
    );
  });

  it('accepts a byte-order mark', () => {
    expect(parseConfig(`\uFEFF${config({})}`, 'f').mode).toBe('supabase-only');
  });
});

describe('wrong types and values', () => {
  it('names the exact JSON path of a wrong type', () => {
    const e = configError(
      '{"stack":{"workspaces":{"api":{"language":"python","database":{"migrationStrategy":{"serviceRange":{"start":200,"end":"00299"}}}}}}}',
    );
    expect(e.message).toBe(
      '.kodo/config.json is invalid: stack.workspaces.api.database.migrationStrategy.serviceRange.start: Invalid input: expected string, received number.',
    );
  });

  it('reports every problem at once, with missing keys said as such', () => {
    const e = configError('{"stack":{"languages":"ts","workspaces":{"api":{}}}}');
    expect(e.message).toBe(
      '.kodo/config.json is invalid: stack.languages: Invalid input: expected array, received string; stack.workspaces.api.language: is missing (expected string).',
    );
  });

  it('explains a bad workspace name', () => {
    const e = configError(config({ 'my api': ws('python') }));
    expect(e.message).toContain('stack.workspaces["my api"]: invalid key: expected a workspace name');
  });

  it('refuses a range whose start is above its end', () => {
    expect(configError(config({ api: ws('python', ['00299', '00200']) })).message).toContain(
      'stack.workspaces.api.database.migrationStrategy.serviceRange: start must not be greater than end',
    );
    expect(configError(config({ api: ws('python') }, { shared: '00900-00400' })).message).toContain(
      'stack.sharedDatabase.serviceRanges.shared: start must not be greater than end',
    );
  });

  it('refuses a badly written serviceRanges value', () => {
    expect(configError(config({ api: ws('python') }, { api: '200-299x' })).message).toContain(
      'stack.sharedDatabase.serviceRanges.api: expected a range like "00100-00199"',
    );
  });
});

describe('ranges', () => {
  it('refuses overlapping ranges, naming both workspaces', () => {
    const e = configError(config({ server: ws('typescript', ['00100', '00250']), api: ws('python') }));
    expect(e.message).toBe(
      '.kodo/config.json is invalid: ranges of "server" (00100-00250) and "api" (00200-00299) overlap; give each workspace its own serviceRange.',
    );
  });

  it('refuses two services of one language left on the same default range', () => {
    const e = configError(config({ web: ws('typescript'), worker: ws('typescript') }));
    expect(e.message).toContain('ranges of "web" (00100-00199) and "worker" (00100-00199) overlap');
  });

  it('refuses a workspace range that overlaps bootstrap', () => {
    const e = configError(config({ api: ws('python', ['00050', '00149']) }));
    expect(e.message).toContain('ranges of "bootstrap" (00000-00099) and "api" (00050-00149) overlap');
  });

  it('refuses a serviceRanges key that names no workspace', () => {
    const e = configError(config({ api: ws('python') }, { worker: '00500-00599' }));
    expect(e.message).toBe(
      '.kodo/config.json is invalid: stack.sharedDatabase.serviceRanges.worker: no workspace named "worker" in stack.workspaces; add that workspace or remove the key (bootstrap and shared are the only other keys).',
    );
  });

  it('refuses two different ranges for one workspace', () => {
    const e = configError(config({ api: ws('python', ['00200', '00299']) }, { api: '00500-00599' }));
    expect(e.message).toContain(
      'stack.workspaces.api.database.migrationStrategy.serviceRange (00200-00299) and stack.sharedDatabase.serviceRanges.api (00500-00599) disagree',
    );
  });

  it('asks for a range when the language has no default', () => {
    const e = configError(config({ gateway: ws('go') }));
    expect(e.message).toBe(
      '.kodo/config.json is invalid: stack.workspaces.gateway.database.migrationStrategy.serviceRange is required for language "go", which has no default range; add one such as { "start": "00500", "end": "00599" }.',
    );
  });

  it('refuses ranges of another width, whose text order would differ from numeric order', () => {
    const e = configError(config({ api: ws('python', ['200', '299']) }));
    expect(e.message).toContain('the range of "api" (200-299) must use 5-digit bounds');
  });

  it('refuses reserved workspace names', () => {
    expect(configError(config({ shared: ws('python') })).message).toContain(
      'stack.workspaces.shared: "shared" is a reserved workspace name; rename the workspace',
    );
  });

  it('resolves defaults, config ranges and the shared range below the next service', () => {
    const owners = resolveRanges(
      parseConfig(
        config({ server: ws('typescript'), api: ws('python'), gw: ws('go', ['00500', '00599']) }),
        'f',
      ),
    );
    expect(owners.map((o) => [o.workspace, o.prefix, `${o.range.start}-${o.range.end}`])).toEqual([
      ['bootstrap', undefined, '00000-00099'],
      ['server', 'node', '00100-00199'],
      ['api', 'python', '00200-00299'],
      ['shared', 'shared', '00400-00499'],
      ['gw', 'gw', '00500-00599'],
    ]);
  });
});
