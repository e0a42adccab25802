// Pending logic: the Supabase CLI's missing-local and out-of-order rules, and the hybrid cross-range exception.
import { describe, expect, it } from 'vitest';
import { analysePending, filesToApply, type LocalVersion } from '../../src/apply/pending.js';
import { EMPTY_CONFIG } from '../../src/config/load.js';
import { isKodoError } from '../../src/core/errors.js';
import { resolveRanges } from '../../src/versions/ranges.js';

const local = (...versions: string[]): LocalVersion[] =>
  versions.map((version) => ({
    version,
    file: `supabase/migrations/${version}_x.sql`,
    sha256: `sha-${version}`,
  }));

const owners = resolveRanges({
  ...EMPTY_CONFIG,
  mode: 'hybrid',
  workspaces: [
    {
      name: 'api',
      language: 'typescript',
      path: undefined,
      orm: 'drizzle',
      strategy: 'hybrid',
      range: undefined,
    },
    {
      name: 'worker',
      language: 'python',
      path: undefined,
      orm: 'sqlalchemy',
      strategy: 'hybrid',
      range: undefined,
    },
  ],
});

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isKodoError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('supabase-only mode (the CLI rules)', () => {
  it('pends the tail after the last applied version', () => {
    const a = analysePending({
      local: local('1000', '1001', '1002'),
      applied: ['1000'],
      checksums: new Map(),
      owners: undefined,
    });
    expect(a.pending.map((f) => f.version)).toEqual(['1001', '1002']);
    expect(a.outOfOrder).toEqual([]);
    expect(
      filesToApply(a, { includeAll: false, target: 't', owners: undefined }).map((f) => f.version),
    ).toEqual(['1001', '1002']);
  });

  it('refuses applied versions with no local file, even with --include-all', () => {
    const a = analysePending({
      local: local('1000', '1002'),
      applied: ['1000', '1001'],
      checksums: new Map(),
      owners: undefined,
    });
    expect(a.missingLocal).toEqual(['1001']);
    const r = refusal(() =>
      filesToApply(a, { includeAll: true, target: 'embedded (.kodo/db)', owners: undefined }),
    );
    expect(r.code).toBe('missing-local');
    expect(r.message).toMatch(/^Remote migration versions not found in local migrations directory: 1001/);
    expect(r.message).toContain('kodo repair --status reverted 1001');
  });

  it('refuses an out-of-order file unless --include-all, then applies it first', () => {
    const a = analysePending({
      local: local('1000', '1001', '1002', '1003'),
      applied: ['1000', '1002'],
      checksums: new Map(),
      owners: undefined,
    });
    expect(a.outOfOrder.map((f) => f.version)).toEqual(['1001']);
    const r = refusal(() => filesToApply(a, { includeAll: false, target: 't', owners: undefined }));
    expect(r.code).toBe('out-of-order');
    expect(r.message).toMatch(/^Found local migration files to be inserted before the last migration/);
    expect(r.message).toContain('--include-all');
    expect(
      filesToApply(a, { includeAll: true, target: 't', owners: undefined }).map((f) => f.version),
    ).toEqual(['1001', '1003']);
  });

  it('reports files edited after they were applied', () => {
    const files = local('1000', '1001');
    const a = analysePending({
      local: files,
      applied: ['1000', '1001'],
      checksums: new Map([
        ['1000', 'sha-1000'],
        ['1001', 'something-else'],
      ]),
      owners: undefined,
    });
    expect(a.edited.map((f) => f.version)).toEqual(['1001']);
  });

  it('does not flag applied files with no recorded checksum (applied by the Supabase CLI)', () => {
    const a = analysePending({
      local: local('1000'),
      applied: ['1000'],
      checksums: new Map(),
      owners: undefined,
    });
    expect(a.edited).toEqual([]);
  });
});

describe('hybrid mode', () => {
  it('applies a new version below another range with a note', () => {
    const a = analysePending({
      local: local('00000', '00100', '00102', '00200'),
      applied: ['00000', '00100', '00200'],
      checksums: new Map(),
      owners,
    });
    expect(a.outOfOrder).toEqual([]);
    expect(a.crossRange.map((c) => c.file.version)).toEqual(['00102']);
    expect(a.crossRange[0]!.message).toContain('expected in hybrid mode');
    expect(filesToApply(a, { includeAll: false, target: 't', owners }).map((f) => f.version)).toEqual([
      '00102',
    ]);
  });

  it('still needs --include-all for out of order inside one range', () => {
    const a = analysePending({
      local: local('00100', '00102', '00104', '00200'),
      applied: ['00100', '00104', '00200'],
      checksums: new Map(),
      owners,
    });
    expect(a.outOfOrder.map((f) => f.version)).toEqual(['00102']);
    const r = refusal(() => filesToApply(a, { includeAll: false, target: 't', owners }));
    expect(r.code).toBe('out-of-order');
    expect(r.message).toContain('same service range (00102 in api 00100-00199)');
  });
});
