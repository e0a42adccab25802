// examples/hybrid-saas: the exact workspaces, folders, ranges and evidence, and file names that fit the ranges.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProject } from '../../src/detect/detect.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/hybrid-saas');

describe('examples/hybrid-saas', () => {
  it('detects the three services from config and files, with no warning', async () => {
    const result = await detectProject(EXAMPLE);
    expect(result.mode).toBe('hybrid');
    expect(result.warnings).toEqual([]);
    expect(result.workspaces).toEqual([
      {
        name: 'node-api',
        language: 'typescript',
        orm: 'drizzle',
        migrationTool: 'drizzle-kit',
        migrationsDir: 'services/node-api/drizzle/migrations',
        range: { start: '00100', end: '00199' },
        source: 'config+filesystem',
        evidence: [
          'services/node-api/drizzle.config.ts: out ./drizzle/migrations',
          'services/node-api/package.json: drizzle-orm ^0.44.5',
          'services/node-api/package.json: drizzle-kit ^0.31.4',
          'services/node-api/drizzle/migrations/meta/_journal.json: 2 entries',
        ],
        path: 'services/node-api',
        prefix: 'node',
        supported: true,
      },
      {
        name: 'python-analytics',
        language: 'python',
        orm: 'sqlalchemy',
        migrationTool: 'alembic',
        migrationsDir: 'services/python-analytics/alembic/versions',
        range: { start: '00200', end: '00299' },
        source: 'config+filesystem',
        evidence: [
          'services/python-analytics/alembic.ini: script_location = alembic',
          'services/python-analytics/pyproject.toml: sqlalchemy >=2.0.36',
          'services/python-analytics/pyproject.toml: alembic >=1.14',
        ],
        path: 'services/python-analytics',
        prefix: 'python',
        supported: true,
      },
      {
        name: 'rust-realtime',
        language: 'rust',
        orm: 'sqlx',
        migrationTool: 'sqlx-cli',
        migrationsDir: 'services/rust-realtime/migrations',
        range: { start: '00300', end: '00399' },
        source: 'config+filesystem',
        evidence: [
          'services/rust-realtime/Cargo.toml: sqlx 0.8 (postgres)',
          'services/rust-realtime/src/main.rs: sqlx::migrate!()',
        ],
        path: 'services/rust-realtime',
        prefix: 'rust',
        supported: true,
      },
    ]);
    expect(result.ranges).toEqual([
      { workspace: 'bootstrap', prefix: null, range: { start: '00000', end: '00099' } },
      { workspace: 'node-api', prefix: 'node', range: { start: '00100', end: '00199' } },
      { workspace: 'python-analytics', prefix: 'python', range: { start: '00200', end: '00299' } },
      { workspace: 'rust-realtime', prefix: 'rust', range: { start: '00300', end: '00399' } },
      { workspace: 'shared', prefix: 'shared', range: { start: '00400', end: '99999' } },
    ]);
  });

  it('names every migration <version>_<prefix>_<name>.sql inside its owner’s range, evens for schema', async () => {
    const { ranges } = await detectProject(EXAMPLE);
    const files = (await fs.readdir(path.join(EXAMPLE, 'supabase/migrations'))).sort();
    expect(files).toHaveLength(12);
    for (const file of files) {
      const [, version, rest] = /^(\d{5})_(.+)\.sql$/.exec(file) ?? [];
      const owner = ranges.find((r) => version! >= r.range.start && version! <= r.range.end);
      expect(owner, file).toBeDefined();
      if (owner?.prefix) expect(rest, file).toMatch(new RegExp(`^${owner.prefix}_[a-z0-9_]+$`));
      const behaviour = /_rls$|core_functions$/.test(rest!);
      expect(Number(version) % 2 === 1, file).toBe(behaviour);
    }
  });

  it('lists every drizzle journal entry as a file, and only those', async () => {
    const dir = path.join(EXAMPLE, 'services/node-api/drizzle/migrations');
    const journal = JSON.parse(await fs.readFile(path.join(dir, 'meta/_journal.json'), 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    const sql = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(sql);
    expect(journal.entries.map((e) => e.idx)).toEqual([0, 1]);
  });
});
