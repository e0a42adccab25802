// `supabase/config.toml`, the Supabase CLI's project file: kodo reads the few keys it shares with the CLI
// (`[db] port` for `--db local`, `[db.seed]` for the seed files), through the project's one TOML reader.
import fs from 'node:fs';
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { readRegularFileSync } from '../core/fs.js';
import { parseToml, type TomlTable, type TomlValue, tomlGet } from '../detect/toml.js';

export const SUPABASE_DIR = 'supabase';
export const SUPABASE_CONFIG = 'supabase/config.toml';

/** The parsed file, or null when the project has none; malformed TOML is an error naming the line. */
export function readSupabaseConfig(root: string): TomlTable | null {
  const file = path.join(root, SUPABASE_DIR, 'config.toml');
  if (!fs.existsSync(file)) return null;
  const text = readRegularFileSync(file, SUPABASE_CONFIG).toString('utf8');
  try {
    return parseToml(text);
  } catch (e) {
    throw new KodoError(
      'invalid-supabase-config',
      `${SUPABASE_CONFIG} is not valid TOML (${(e as Error).message}); fix it as the Supabase CLI would require.`,
    );
  }
}

/** `[db] port`, when the file sets one (the local stack's Postgres port; the CLI's default is 54322). */
export function localStackPort(root: string): number | undefined {
  const config = readSupabaseConfig(root);
  if (!config) return undefined;
  const port = tomlGet(config, 'db', 'port');
  if (port === undefined) return undefined;
  const n = typeof port === 'bigint' ? Number(port) : port;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) {
    throw invalidKey('[db] port', 'a port number (1-65535)');
  }
  return n;
}

/** `[db.seed]`: enabled (default true) and sql_paths (default ["./seed.sql"], `explicit` when the file sets it). */
export function seedSettings(config: TomlTable | null): {
  enabled: boolean;
  sqlPaths: string[];
  explicit: boolean;
} {
  const enabled = config ? tomlGet(config, 'db', 'seed', 'enabled') : undefined;
  const paths = config ? tomlGet(config, 'db', 'seed', 'sql_paths') : undefined;
  if (enabled !== undefined && typeof enabled !== 'boolean') {
    throw invalidKey('[db.seed] enabled', 'true or false');
  }
  if (paths !== undefined && !isStringArray(paths)) {
    throw invalidKey('[db.seed] sql_paths', 'an array of glob strings, e.g. ["./seed.sql"]');
  }
  return {
    enabled: enabled ?? true,
    sqlPaths: paths ?? ['./seed.sql'],
    explicit: paths !== undefined,
  };
}

function isStringArray(v: TomlValue): v is string[] {
  return Array.isArray(v) && v.every((item) => typeof item === 'string');
}

function invalidKey(key: string, expected: string): KodoError {
  return new KodoError('invalid-supabase-config', `${SUPABASE_CONFIG}: ${key} must be ${expected}.`);
}

/** The Supabase CLI's default `[api] schemas`: what PostgREST exposes when config.toml does not say. */
export const DEFAULT_API_SCHEMAS = ['public', 'graphql_public'];

/** `[api] schemas`: the schemas the Data API exposes (PostgREST's db-schemas), default public and graphql_public. */
export function apiSchemas(config: TomlTable | null): string[] {
  const schemas = config ? tomlGet(config, 'api', 'schemas') : undefined;
  if (schemas === undefined) return DEFAULT_API_SCHEMAS.slice();
  if (!isStringArray(schemas)) throw invalidKey('[api] schemas', 'an array of schema names, e.g. ["public"]');
  return schemas;
}
