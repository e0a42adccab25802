import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { LintSettings } from '../../../src/lint/types.js';
import type { RangeOwner } from '../../../src/versions/ranges.js';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'version-out-of-range';

const HYBRID = {
  stack: {
    workspaces: {
      api: { language: 'typescript', database: { migrationStrategy: { type: 'hybrid' } } },
      analytics: { language: 'python', database: { migrationStrategy: { type: 'hybrid' } } },
      billing: {
        language: 'go',
        database: { migrationStrategy: { type: 'hybrid', serviceRange: { start: '00500', end: '00599' } } },
      },
    },
  },
};

let root: string;
let plain: string;

/** A project with `config` in .kodo/config.json; returns the migrations folder. */
function project(dir: string, config: unknown): string {
  fs.mkdirSync(path.join(dir, '.kodo'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.kodo', 'config.json'), JSON.stringify(config));
  return path.join(dir, 'supabase', 'migrations');
}

beforeAll(() => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kodo-vor-'));
  root = project(path.join(tmp, 'hybrid'), HYBRID);
  plain = project(path.join(tmp, 'plain'), { stack: { workspaces: { web: { language: 'typescript' } } } });
});

afterAll(() => {
  fs.rmSync(path.dirname(path.dirname(path.dirname(root))), { recursive: true, force: true });
});

const files = (dir: string, names: string[]) =>
  Object.fromEntries(names.map((n) => [path.join(dir, n), 'select 1;']));

describe(RULE, () => {
  it('flags a prefix that belongs to another range', async () => {
    await expectFindings(files(root, ['00150_python_events.sql']), RULE, [
      {
        line: 1,
        column: 1,
        message:
          'File 00150_python_events.sql has prefix python, but version 00150 is in the api range 00100-00199, whose files are named 00150_node_…; rename the file or take a version from the right range with kodo new.',
      },
    ]);
  });

  it('flags a missing prefix, a prefix in the bootstrap range and a version outside every range', async () => {
    await expectFindings(
      files(root, ['00003_node_helpers.sql', '00102_create_users.sql', '20240101120000_legacy.sql']),
      RULE,
      [
        {
          file: '00003_node_helpers.sql',
          line: 1,
          column: 1,
          message:
            'File 00003_node_helpers.sql has prefix node, but version 00003 is in the bootstrap range 00000-00099, whose files carry no prefix; rename the file or take a version from the right range with kodo new.',
        },
        {
          file: '00102_create_users.sql',
          line: 1,
          column: 1,
          message:
            'File 00102_create_users.sql has no workspace prefix, but version 00102 is in the api range 00100-00199, whose files are named 00102_node_…; rename the file or take a version from the right range with kodo new.',
        },
        {
          file: '20240101120000_legacy.sql',
          line: 1,
          column: 1,
          message:
            "Version 20240101120000 of 20240101120000_legacy.sql lies outside every range in .kodo/config.json (bootstrap 00000-00099, api 00100-00199, analytics 00200-00299, shared 00400-00499, billing 00500-00599), so it does not sort with its service's migrations; take a version from kodo new --workspace <name>.",
        },
      ],
    );
  });

  it('accepts files that match their ranges, including configured ranges and custom prefixes', async () => {
    await expectClean(
      files(root, [
        '00000_extensions.sql',
        '00001_core_functions.sql',
        '00100_node_users.sql',
        '00201_python_events_rls.sql',
        '00400_shared_views.sql',
        '00500_billing_invoices.sql',
      ]),
      RULE,
    );
  });

  it('reports nothing outside hybrid mode or without a config', async () => {
    await expectClean(files(plain, ['20240101120000_create_users.sql', '00150_python_x.sql']), RULE);
    await expectClean({ '00150_python_x.sql': 'select 1;' }, RULE);
  });

  it('uses ranges passed in settings', async () => {
    const ranges: RangeOwner[] = [
      {
        workspace: 'bootstrap',
        prefix: undefined,
        range: { start: '00000', end: '00099' },
        source: 'default',
      },
      { workspace: 'web', prefix: 'node', range: { start: '00100', end: '00199' }, source: 'default' },
    ];
    await expectFindings({ '00200_node_x.sql': 'select 1;' }, RULE, [{ line: 1, column: 1 }], {
      settings: { ranges } as Partial<LintSettings>,
    });
  });
});
