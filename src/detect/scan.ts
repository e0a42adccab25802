// Finds the files that can show an ORM, in one walk that never enters dependency, build or VCS folders.
import fg from 'fast-glob';

/** Folders never walked: installed dependencies, build output, virtualenvs, caches and kodo's own data. */
export const SKIPPED_FOLDERS = [
  'node_modules',
  'target',
  '.venv',
  'venv',
  '.git',
  'dist',
  'build',
  '__pycache__',
  '.next',
  '.turbo',
  'vendor',
  '.kodo',
] as const;

/** File names probes understand (basename globs). */
export const EVIDENCE_FILES = [
  'package.json',
  'drizzle.config.{ts,mts,cts,js,mjs,cjs,json}',
  'alembic.ini',
  'pyproject.toml',
  'requirements*.txt',
  'manage.py',
  'Cargo.toml',
  'diesel.toml',
  'schema.prisma',
  'prisma.config.{ts,mts,js,mjs}',
  'knexfile.{js,ts,cjs,mjs}',
  'ormconfig.{json,js,ts,yml,yaml}',
  'mikro-orm.config.{ts,js}',
  'kysely.config.{ts,mts,cts,js,mjs}',
  'go.mod',
  'flyway.{conf,toml}',
  'pom.xml',
  'build.gradle{,.kts}',
] as const;

/** drizzle-kit 0.x journals, which locate migration folders when `out` is not a literal. */
export const DRIZZLE_JOURNAL = 'meta/_journal.json';

/** Deep enough for `apps/<group>/<service>/prisma/schema.prisma`, shallow enough to stay fast. */
export const MAX_DEPTH = 6;

export interface ScanOptions {
  /** A replacement for `fs` (fast-glob's adapter), e.g. to count what the walk reads. */
  fs?: fg.Options['fs'];
}

/** Relative POSIX paths of every evidence file under `root`, sorted. */
export async function scanProject(root: string, options: ScanOptions = {}): Promise<string[]> {
  const patterns = [...EVIDENCE_FILES.map((f) => `**/${f}`), `**/${DRIZZLE_JOURNAL}`];
  const files = await fg(patterns, {
    cwd: root,
    // `**/x/**` patterns are the form fast-glob uses to prune a folder instead of filtering what it found inside.
    ignore: SKIPPED_FOLDERS.map((f) => `**/${f}/**`),
    deep: MAX_DEPTH,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    caseSensitiveMatch: true,
    ...(options.fs ? { fs: options.fs } : {}),
  });
  return files.sort();
}
