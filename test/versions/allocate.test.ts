// Version allocation: ranges, the even/odd rule, gaps never filled, full ranges, timestamp mode.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_CONFIG, parseConfig } from '../../src/config/load.js';
import { KodoError } from '../../src/core/errors.js';
import { nextRangeVersion, nextTimestampVersion } from '../../src/versions/allocate.js';
import { allocateFrom, allocateVersion } from '../../src/versions/allocate-version.js';

const NODE = { start: '00100', end: '00199' };

const HYBRID = parseConfig(
  JSON.stringify({
    stack: {
      workspaces: {
        server: { language: 'typescript', database: { orm: { name: 'drizzle' } } },
        api: { language: 'python', database: { orm: { name: 'sqlalchemy' } } },
        realtime: { language: 'rust', database: { orm: { name: 'sqlx' } } },
      },
    },
  }),
  'f',
);

function kodoError(fn: () => unknown): KodoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KodoError);
    return e as KodoError;
  }
  throw new Error('expected a KodoError');
}

describe('nextRangeVersion', () => {
  it.each([
    ['schema', [], '00100'],
    ['behavior', [], '00101'],
    ['schema', ['00100'], '00102'],
    ['behavior', ['00100'], '00101'],
    ['schema', ['00100', '00101'], '00102'],
    ['behavior', ['00100', '00101'], '00103'],
    ['schema', ['00103'], '00104'],
    ['behavior', ['00104'], '00105'],
  ] as const)('gives a %s migration after %j the version %s', (kind, existing, expected) => {
    expect(nextRangeVersion(existing, NODE, kind, 'server')).toBe(expected);
  });

  it('never fills a gap: the next version is above the highest in the range', () => {
    expect(nextRangeVersion(['00100', '00150'], NODE, 'schema', 'server')).toBe('00152');
    expect(nextRangeVersion(['00100', '00150'], NODE, 'behavior', 'server')).toBe('00151');
  });

  it('ignores versions outside the range and of another width', () => {
    expect(nextRangeVersion(['00001', '00250', '20250101000000', '150'], NODE, 'schema', 'server')).toBe(
      '00100',
    );
  });

  it('says which range is full and what to do', () => {
    const e = kodoError(() => nextRangeVersion(['00198'], NODE, 'schema', 'server'));
    expect(e.code).toBe('range-full');
    expect(e.message).toBe(
      'Range 00100-00199 of workspace "server" has no free schema version after 00198; give the workspace a new, larger serviceRange in .kodo/config.json.',
    );
    expect(nextRangeVersion(['00198'], NODE, 'behavior', 'server')).toBe('00199');
    expect(kodoError(() => nextRangeVersion(['00199'], NODE, 'behavior', 'server')).message).toContain(
      'no free behavior version after 00199',
    );
  });
});

describe('allocateFrom (hybrid)', () => {
  it('allocates in the workspace range with its prefix', () => {
    expect(allocateFrom(HYBRID, [], { workspace: 'api', kind: 'behavior' })).toEqual({
      version: '00201',
      workspace: 'api',
      kind: 'behavior',
      range: { start: '00200', end: '00299' },
      prefix: 'python',
      mode: 'hybrid',
    });
  });

  it('honours files of every workspace, whoever wrote them', () => {
    // 00105 carries another prefix but sits in the node range: it still counts.
    const versions = ['00000', '00001', '00100', '00105', '00200', '00400'];
    expect(allocateFrom(HYBRID, versions, { workspace: 'server' }).version).toBe('00106');
    expect(allocateFrom(HYBRID, versions, { workspace: 'api' }).version).toBe('00202');
    expect(allocateFrom(HYBRID, versions, { workspace: 'realtime' }).version).toBe('00300');
    expect(allocateFrom(HYBRID, versions, { workspace: 'shared', kind: 'behavior' })).toMatchObject({
      version: '00401',
      prefix: 'shared',
      range: { start: '00400', end: '99999' },
    });
    expect(allocateFrom(HYBRID, versions, { workspace: 'bootstrap' })).toMatchObject({
      version: '00002',
      prefix: null,
    });
  });

  it('accepts the prefixes node, python and rust as workspace names', () => {
    expect(allocateFrom(HYBRID, [], { workspace: 'node' }).workspace).toBe('server');
    expect(allocateFrom(HYBRID, [], { workspace: 'rust' }).workspace).toBe('realtime');
  });

  it('refuses a prefix shared by several workspaces', () => {
    const two = parseConfig(
      JSON.stringify({
        stack: {
          workspaces: {
            web: { language: 'typescript', database: { orm: { name: 'drizzle' } } },
            jobs: {
              language: 'typescript',
              database: {
                orm: { name: 'drizzle' },
                migrationStrategy: { serviceRange: { start: '00500', end: '00599' } },
              },
            },
          },
        },
      }),
      'f',
    );
    expect(kodoError(() => allocateFrom(two, [], { workspace: 'node' })).message).toBe(
      '"node" is the prefix of several workspaces (web, jobs); name one of them.',
    );
  });

  it('lists the valid names for an unknown workspace', () => {
    const e = kodoError(() => allocateFrom(HYBRID, [], { workspace: 'billing' }));
    expect(e.code).toBe('workspace-unknown');
    expect(e.message).toBe(
      'Unknown workspace "billing"; use one of: bootstrap, server, api, realtime, shared (or the prefix node, python, rust).',
    );
  });

  it('needs a workspace when there are several, and defaults to the only one', () => {
    expect(kodoError(() => allocateFrom(HYBRID, [], {})).message).toBe(
      'This hybrid project has 3 workspaces, so name one: bootstrap, server, api, realtime, shared (or the prefix node, python, rust).',
    );
    const one = parseConfig(
      JSON.stringify({
        stack: { workspaces: { api: { language: 'python', database: { orm: { name: 'x' } } } } },
      }),
      'f',
    );
    expect(allocateFrom(one, ['00200'], {})).toMatchObject({ workspace: 'api', version: '00202' });
  });

  it('uses a default workspace (bootstrap templates) before asking', () => {
    expect(allocateFrom(HYBRID, [], { defaultWorkspace: 'bootstrap', kind: 'behavior' }).version).toBe(
      '00001',
    );
  });

  it('uses configured ranges', () => {
    const config = parseConfig(
      JSON.stringify({
        stack: {
          workspaces: { api: { language: 'python', database: { orm: { name: 'x' } } } },
          sharedDatabase: { serviceRanges: { api: '00600-00649', shared: '00400-00499' } },
        },
      }),
      'f',
    );
    expect(allocateFrom(config, ['00600'], { workspace: 'api' })).toMatchObject({
      version: '00602',
      range: { start: '00600', end: '00649' },
    });
    expect(allocateFrom(config, [], { workspace: 'shared' }).range).toEqual({ start: '00400', end: '00499' });
  });
});

describe('timestamp mode', () => {
  const now = new Date('2025-06-01T12:30:45.678Z');

  it('uses the UTC clock when it is ahead of every file', () => {
    expect(nextTimestampVersion([], now)).toBe('20250601123045');
    expect(nextTimestampVersion(['20240101000000'], now)).toBe('20250601123045');
  });

  it('goes one second past the newest file when the clock is behind it', () => {
    expect(nextTimestampVersion(['20250601123045'], now)).toBe('20250601123046');
    expect(nextTimestampVersion(['20991231000000', '20250601123045'], now)).toBe('20991231000001');
  });

  it('rolls seconds over into minutes, hours, days and years', () => {
    expect(nextTimestampVersion(['20250601123059'], now)).toBe('20250601123100');
    expect(nextTimestampVersion(['20250601235959'], now)).toBe('20250602000000');
    expect(nextTimestampVersion(['20280228235959'], now)).toBe('20280229000000');
    expect(nextTimestampVersion(['20991231235959'], now)).toBe('21000101000000');
  });

  it('never goes backwards past an impossible date', () => {
    const next = nextTimestampVersion(['20251340000000'], now);
    expect(next > '20251340000000').toBe(true);
  });

  it('refuses when a file sorts after any timestamp', () => {
    expect(kodoError(() => nextTimestampVersion(['9'], now)).message).toBe(
      'Version 9 in supabase/migrations sorts after any timestamp, so a new timestamp migration would run before it; rename that file to a 14-digit timestamp version, or configure hybrid ranges in .kodo/config.json.',
    );
    expect(kodoError(() => nextTimestampVersion(['99999999999999'], now)).code).toBe('no-timestamp');
  });

  it('sorts after 5-digit hybrid files too', () => {
    expect(allocateFrom(EMPTY_CONFIG, ['00000', '00100'], { now })).toEqual({
      version: '20250601123045',
      workspace: null,
      kind: 'schema',
      range: null,
      prefix: null,
      mode: 'supabase-only',
    });
  });

  it('refuses a workspace name when the project has no workspaces', () => {
    expect(kodoError(() => allocateFrom(EMPTY_CONFIG, [], { workspace: 'node', now })).message).toBe(
      'Unknown workspace "node": this project has no hybrid config (versions are timestamps), so omit the workspace.',
    );
  });
});

describe('allocateVersion (files)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
  });

  async function project(files: string[], config?: unknown): Promise<string> {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-alloc-'));
    dirs.push(root);
    await fs.mkdir(path.join(root, 'supabase/migrations'), { recursive: true });
    for (const f of files) await fs.writeFile(path.join(root, 'supabase/migrations', f), '');
    if (config) {
      await fs.mkdir(path.join(root, '.kodo'));
      await fs.writeFile(path.join(root, '.kodo/config.json'), JSON.stringify(config));
    }
    return root;
  }

  it('reads config and every file in supabase/migrations', async () => {
    const root = await project(
      ['00000_extensions.sql', '00100_node_users.sql', '00103_python_misfiled.sql', 'notes.txt'],
      {
        stack: { workspaces: { server: { language: 'typescript', database: { orm: { name: 'drizzle' } } } } },
      },
    );
    expect(await allocateVersion(root, { kind: 'schema' })).toMatchObject({
      version: '00104',
      workspace: 'server',
    });
    expect(await allocateVersion(root, { kind: 'behavior' })).toMatchObject({ version: '00105' });
  });

  it('uses timestamps without a config', async () => {
    const root = await project(['20300101000000_future.sql']);
    expect((await allocateVersion(root, {})).version).toBe('20300101000001');
  });

  it('refuses a project root that does not exist', async () => {
    await expect(allocateVersion('/no/such/kodo/project', {})).rejects.toThrow(
      'Project root /no/such/kodo/project is not a folder',
    );
  });
});
