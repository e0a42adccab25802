// Item 9 of issue 8 (config): a hostile or careless .kodo/config.json gets one `error:` line naming the JSON path
// and what to do, never "unexpected failure". Workspace names that are Object.prototype properties work like any
// name; "__proto__" (which JSON.parse keeps but an object drops) is refused; a workspace path must stay inside the
// project, through symlinks too. Package names of the same kind in detect's evidence files are just packages.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKodo } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const INVALID = 'error: .kodo/config.json is invalid: ';

function hybrid(workspaces: Record<string, unknown>, serviceRanges?: Record<string, string>) {
  return JSON.stringify({
    stack: { workspaces, ...(serviceRanges ? { sharedDatabase: { serviceRanges } } : {}) },
  });
}

/** An object with an own "__proto__" key, as JSON.parse makes it (a literal would set the prototype instead). */
const protoKey = (value: unknown) =>
  JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`) as Record<string, unknown>;

const ts = (extra: Record<string, unknown> = {}) => ({
  language: 'typescript',
  database: { migrationStrategy: { type: 'hybrid', ...extra } },
});

/** `kodo allocate` (reads the config, resolves ranges) in a project with this config. */
async function allocate(config: string, files: Record<string, string> = {}) {
  const root = await makeFiles({ '.kodo/config.json': config, ...files });
  return runKodo(['allocate'], { cwd: root });
}

describe.concurrent('.kodo/config.json', () => {
  it('takes workspaces named like Object.prototype properties as ordinary names', async () => {
    const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const runs = await Promise.all(names.map((name) => allocate(hybrid({ [name]: ts() }))));
    for (const run of runs)
      expect(run).toEqual({ code: 0, stdout: '00100 (node range 00100-00199, schema)', stderr: '' });
  });

  const refused: [string, string, string][] = [
    [
      'a workspace named __proto__',
      hybrid(protoKey(ts())),
      'stack.workspaces.__proto__: "__proto__" cannot be used as a name; rename it.',
    ],
    [
      'a service range keyed __proto__',
      hybrid({ api: ts() }, protoKey('00100-00199') as Record<string, string>),
      'stack.sharedDatabase.serviceRanges.__proto__: "__proto__" cannot be used as a name; rename it.',
    ],
    [
      'a serviceRange of "abc"',
      hybrid({ api: ts({ serviceRange: 'abc' }) }),
      'stack.workspaces.api.database.migrationStrategy.serviceRange: expected an object like { "start": "00100", "end": "00199" }.',
    ],
    [
      'a serviceRange bound of "abc"',
      hybrid({ api: ts({ serviceRange: { start: 'abc', end: '00199' } }) }),
      'stack.workspaces.api.database.migrationStrategy.serviceRange.start: expected a string of digits like "00100".',
    ],
    [
      'a range "200-100"',
      hybrid({ api: ts() }, { api: '200-100' }),
      'stack.sharedDatabase.serviceRanges.api: start must not be greater than end.',
    ],
    [
      'a range "-5"',
      hybrid({ api: ts() }, { api: '-5' }),
      'stack.sharedDatabase.serviceRanges.api: expected a range like "00100-00199".',
    ],
    [
      'overlapping ranges',
      hybrid({ api: ts(), jobs: { language: 'python' } }, { api: '00100-00250', jobs: '00200-00299' }),
      'ranges of "api" (00100-00250) and "jobs" (00200-00299) overlap; give each workspace its own serviceRange.',
    ],
    [
      'a workspace path of ../../../etc',
      hybrid({ api: { ...ts(), path: '../../../etc' } }),
      'stack.workspaces.api.path "../../../etc" leads outside the project; use a folder inside the project root.',
    ],
    [
      'an absolute workspace path',
      hybrid({ api: { ...ts(), path: '/etc' } }),
      'stack.workspaces.api.path: expected a path relative to the project root.',
    ],
  ];
  for (const [what, config, message] of refused) {
    it(`refuses ${what} in one line`, async () => {
      expect(await allocate(config)).toEqual({ code: 2, stdout: '', stderr: `${INVALID}${message}` });
    });
  }

  it('refuses a workspace path through a symlink that leads out of the project', async () => {
    const root = await makeFiles({ '.kodo/config.json': hybrid({ api: { ...ts(), path: 'apps/api' } }) });
    await fs.mkdir(path.join(root, 'apps'));
    await fs.symlink('/etc', path.join(root, 'apps', 'api'));
    expect(await runKodo(['detect'], { cwd: root })).toEqual({
      code: 2,
      stdout: '',
      stderr: `${INVALID}stack.workspaces.api.path "apps/api" leads outside the project; use a folder inside the project root.`,
    });
  });

  it('refuses a config nested thousands deep in one line (it overflowed the stack)', async () => {
    const root = await makeFiles({ '.kodo/config.json': `${'['.repeat(4000)}${']'.repeat(4000)}` });
    expect(await runKodo(['lint'], { cwd: root })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: .kodo/config.json nests 4000 levels deep; kodo reads at most 100, so flatten it.',
    });
  });

  it('refuses a workspace path that is a dangling symlink pointing out (a later write would land there)', async () => {
    const root = await makeFiles({ '.kodo/config.json': hybrid({ api: { ...ts(), path: 'apps/api' } }) });
    await fs.mkdir(path.join(root, 'apps'));
    await fs.symlink('/nonexistent-kodo-target/api', path.join(root, 'apps', 'api'));
    expect(await runKodo(['detect'], { cwd: root })).toEqual({
      code: 2,
      stdout: '',
      stderr: `${INVALID}stack.workspaces.api.path "apps/api" leads outside the project; use a folder inside the project root.`,
    });
  });
});

describe('detect', () => {
  it('reads dependencies named like Object.prototype properties as unknown packages', async () => {
    const root = await makeFiles({
      'api/package.json': JSON.stringify({ dependencies: { constructor: '1', toString: '1' } }),
      'jobs/requirements.txt': 'constructor\ntoString==1\n',
      'engine/Cargo.toml': '[package]\nname = "engine"\n[dependencies]\ntoString = "1"\nconstructor = "1"\n',
      '.kodo/config.json': hybrid({ api: { language: 'constructor', path: 'api' } }),
    });
    const run = await runKodo(['detect', '--json'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
