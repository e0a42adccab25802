// What a probe reports: one piece of evidence that a folder uses an ORM, and warnings about files it read.
import path from 'node:path';

export interface Signal {
  /** The service folder, relative to the project root with forward slashes; '' for the root itself. */
  dir: string;
  /** An id from the ORM catalog. */
  orm: string;
  /** A short human line starting with the relative path, e.g. `api/package.json: drizzle-orm ^0.44`. */
  evidence: string;
  /**
   * Config files and migration folders are strong; dependency declarations are weak because a monorepo
   * root often hoists its services' dependencies and is not a service itself.
   */
  strong: boolean;
  /** Where this evidence says migrations live, relative to the project root. */
  migrationsDir?: string;
  /**
   * When the file settles the language (`typescript` for a `.ts` config or a `typescript` dependency), or
   * `node` for a Node manifest that does not say whether it is TypeScript or JavaScript.
   */
  language?: string;
}

export interface DetectWarning {
  code: string;
  message: string;
}

export interface ProbeResult {
  signals: Signal[];
  warnings: DetectWarning[];
}

export interface ProbeContext {
  /** Reads a file relative to the root; undefined when it is missing, unreadable or too big to be a manifest. */
  read: (rel: string) => Promise<string | undefined>;
  /** True when the path exists (file or folder). */
  exists: (rel: string) => Promise<boolean>;
}

/** Joins POSIX-style relative paths and normalises them ('' for the root, never a trailing slash). */
export function joinRel(...parts: string[]): string {
  const joined = path.posix.normalize(parts.filter((p) => p !== '').join('/') || '.');
  return joined === '.' ? '' : joined.replace(/\/$/, '').replace(/^\.\//, '');
}

/** `dir` as shown to people: '.' for the root. */
export function showDir(dir: string): string {
  return dir === '' ? '.' : dir;
}

export function dirOf(rel: string): string {
  const d = path.posix.dirname(rel);
  return d === '.' ? '' : d;
}

export function baseOf(rel: string): string {
  return path.posix.basename(rel);
}

export function isWithin(dir: string, parent: string): boolean {
  return parent === '' || dir === parent || dir.startsWith(`${parent}/`);
}

export const NONE: ProbeResult = { signals: [], warnings: [] };

/** The warning for a manifest that cannot be parsed: detection goes on without it. */
export function unparsable(rel: string, e: unknown): ProbeResult {
  const why = e instanceof Error ? e.message : String(e);
  return {
    signals: [],
    warnings: [
      {
        code: 'unparsable-file',
        message: `${rel} cannot be parsed (${why}); kodo skipped it. Fix its syntax.`,
      },
    ],
  };
}
