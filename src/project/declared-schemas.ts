// The declarative schema files, found as the Supabase CLI finds them (internal/db/diff loadDeclaredSchemas):
// `[db.migrations] schema_paths` in supabase/config.toml when set (globs relative to supabase/, in their order, a
// file matched twice used once, a pattern matching nothing an error), else every `*.sql` under `supabase/schemas`,
// walked recursively and sorted by full path.
import fs from 'node:fs';
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { type TomlTable, tomlGet } from '../detect/toml.js';
import type { SeedFile } from './seeds.js';
import { byteOrder, expandSqlPaths } from './sql-paths.js';
import { SUPABASE_CONFIG } from './supabase-config.js';

export const SCHEMAS_DIR = 'supabase/schemas';

export interface DeclaredSchemas {
  /** In the order they run. Empty when there is no folder and no schema_paths. */
  files: SeedFile[];
  /** Where they came from: `supabase/schemas` or `[db.migrations] schema_paths`. */
  source: string;
}

export function declaredSchemaFiles(root: string, config: TomlTable | null): DeclaredSchemas {
  const paths = config ? tomlGet(config, 'db', 'migrations', 'schema_paths') : undefined;
  if (paths !== undefined && !(Array.isArray(paths) && paths.every((p) => typeof p === 'string'))) {
    throw new KodoError(
      'invalid-supabase-config',
      `${SUPABASE_CONFIG}: [db.migrations] schema_paths must be an array of glob strings, e.g. ["./schemas/*.sql"].`,
    );
  }
  if (paths && paths.length > 0) return fromPatterns(root, paths as string[]);
  const dir = path.join(root, SCHEMAS_DIR);
  const files = walk(root, dir).sort(byteOrder);
  return {
    files: files.map((file) => ({ file, path: path.join(root, ...file.split('/')) })),
    source: SCHEMAS_DIR,
  };
}

function fromPatterns(root: string, patterns: string[]): DeclaredSchemas {
  const files: SeedFile[] = [];
  const seen = new Set<string>();
  for (const m of expandSqlPaths(root, patterns)) {
    if (m.outside || m.files.length === 0) {
      const why = m.outside
        ? 'is outside the project (patterns are relative to supabase/)'
        : 'matches no file';
      throw new KodoError(
        'schema-path-unmatched',
        `${SUPABASE_CONFIG} [db.migrations] schema_paths: "${m.raw}" ${why}; fix the pattern or remove it.`,
      );
    }
    for (const file of m.files) {
      const abs = path.join(root, ...file.split('/'));
      if (seen.has(file) || fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) continue;
      seen.add(file);
      files.push({ file, path: abs });
    }
  }
  return { files, source: '[db.migrations] schema_paths' };
}

/** Every `*.sql` below `dir`, as slash-separated paths relative to `root`; symlinked folders are not followed. */
function walk(root: string, dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(root, abs));
    else if (e.name.endsWith('.sql')) out.push(path.relative(root, abs).split(path.sep).join('/'));
  }
  return out;
}
