// What the sync tests share: a SyncWorkspace for a SQLx folder, a hybrid project with one SQLx service, hashes.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { SyncWorkspace } from '../../src/sync/types.js';
import { makeFiles } from '../helpers/temp.js';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The SQLx workspace at services/rs with its migrations in services/rs/migrations. */
export function sqlxWorkspace(root: string): SyncWorkspace {
  return {
    detected: {
      name: 'rs',
      language: 'rust',
      orm: 'sqlx',
      migrationTool: 'sqlx-cli',
      migrationsDir: 'services/rs/migrations',
      range: { start: '00300', end: '00399' },
      source: 'config+filesystem',
      evidence: [],
      path: 'services/rs',
      prefix: 'rust',
      supported: true,
    },
    tool: 'sqlx-cli',
    root,
    dir: path.join(root, 'services/rs'),
    migrationsDir: path.join(root, 'services/rs/migrations'),
  };
}

/** A hybrid project whose one workspace `rs` (sqlx, range `range`) has these migrations (name → SQL). */
export function sqlxProject(
  migrations: Record<string, string>,
  extra: Record<string, string> = {},
  range = { start: '00300', end: '00399' },
): Promise<string> {
  const config = {
    stack: {
      languages: ['rust'],
      workspaces: {
        rs: {
          language: 'rust',
          path: 'services/rs',
          database: { orm: { name: 'sqlx' }, migrationStrategy: { type: 'hybrid', serviceRange: range } },
        },
      },
    },
  };
  const files = Object.entries(migrations).map(([name, sql]) => [`services/rs/migrations/${name}`, sql]);
  return makeFiles({
    '.kodo/config.json': JSON.stringify(config, null, 2),
    'services/rs/Cargo.toml':
      '[package]\nname = "rs"\nversion = "0.1.0"\n\n[dependencies]\nsqlx = { version = "0.8", features = ["postgres"] }\n',
    'services/rs/src/main.rs': 'fn main() { let _ = sqlx::migrate!(); }\n',
    'supabase/migrations/00000_extensions.sql': 'create extension if not exists pgcrypto;\n',
    ...Object.fromEntries(files),
    ...extra,
  });
}
