// Which local files a database still needs, with the Supabase CLI's rules and kodo's hybrid exception (pure).
//
// The CLI (`FindPendingMigrations`) walks local files and applied versions in version order: an applied
// version with no local file is "missing local" (an error), and a new file below the last applied version is
// "out of order" (refused unless `--include-all`). In hybrid mode, services own interleaved ranges, so a new
// `00102` below an applied `00200` of another service is expected and applied with a note; out of order inside
// one range still needs `--include-all`.
import { KodoError } from '../core/errors.js';
import { compareVersions } from '../versions/grammar.js';
import { fmt, ownerOf, type RangeOwner } from '../versions/ranges.js';

export interface LocalVersion {
  version: string;
  /** Path relative to the project root. */
  file: string;
  sha256: string;
}

export interface PendingInput<T extends LocalVersion> {
  /** Local files in version order. */
  local: T[];
  /** Applied versions (any order). */
  applied: string[];
  /** sha256 recorded when kodo applied or repaired a version. */
  checksums: Map<string, string>;
  /** Ranges in hybrid mode; undefined in supabase-only mode. */
  owners: RangeOwner[] | undefined;
}

export interface CrossRangeNote<T> {
  file: T;
  /** Applied versions above it, all in other services' ranges. */
  above: string[];
  message: string;
}

export interface PendingAnalysis<T> {
  /** Every local file not applied yet, in version order (what `up --include-all` would apply). */
  pending: T[];
  /** Applied versions with no local file. */
  missingLocal: string[];
  /** Pending files below an applied version of their own range (any applied version, outside hybrid mode). */
  outOfOrder: T[];
  /** Hybrid mode: pending files below applied versions of other ranges only; normal, applied with a note. */
  crossRange: CrossRangeNote<T>[];
  /** Applied files whose sha256 differs from the one recorded when they were applied. */
  edited: T[];
}

export function analysePending<T extends LocalVersion>(input: PendingInput<T>): PendingAnalysis<T> {
  const applied = [...new Set(input.applied)].sort(compareVersions);
  const appliedSet = new Set(applied);
  const localSet = new Set(input.local.map((f) => f.version));
  const last = applied.at(-1);
  const pending = input.local.filter((f) => !appliedSet.has(f.version));
  const outOfOrder: T[] = [];
  const crossRange: CrossRangeNote<T>[] = [];
  for (const file of pending) {
    if (last === undefined || compareVersions(file.version, last) > 0) continue;
    const above = applied.filter((v) => compareVersions(v, file.version) > 0);
    if (!input.owners) {
      outOfOrder.push(file);
      continue;
    }
    const group = rangeKey(file.version, input.owners);
    if (above.some((v) => rangeKey(v, input.owners!) === group)) {
      outOfOrder.push(file);
    } else {
      crossRange.push({
        file,
        above,
        message: `${file.file} sorts before ${describeAbove(above)} applied from other services' ranges; that is expected in hybrid mode, so it is applied normally.`,
      });
    }
  }
  const edited = input.local.filter((f) => {
    const recorded = input.checksums.get(f.version);
    return appliedSet.has(f.version) && recorded !== undefined && recorded !== f.sha256;
  });
  return {
    pending,
    missingLocal: applied.filter((v) => !localSet.has(v)),
    outOfOrder,
    crossRange,
    edited,
  };
}

/**
 * The files `up` applies, or the CLI's refusal: missing local versions always stop it; out-of-order files
 * stop it unless `includeAll`.
 */
export function filesToApply<T extends LocalVersion>(
  analysis: PendingAnalysis<T>,
  opts: { includeAll: boolean; target: string; owners: RangeOwner[] | undefined },
): T[] {
  if (analysis.missingLocal.length > 0) {
    const versions = analysis.missingLocal.join(' ');
    throw new KodoError(
      'missing-local',
      `Remote migration versions not found in local migrations directory: ${analysis.missingLocal.join(', ')} (applied to ${opts.target}). Make sure your local git repo is up-to-date; if the error persists, repair the history table with kodo repair --status reverted ${versions}.`,
      'check',
    );
  }
  if (analysis.outOfOrder.length > 0 && !opts.includeAll) {
    const where = opts.owners
      ? ` of the same service range (${analysis.outOfOrder.map((f) => rangeLabel(f.version, opts.owners!)).join(', ')})`
      : '';
    throw new KodoError(
      'out-of-order',
      `Found local migration files to be inserted before the last migration${where} on the database ${opts.target}: ${analysis.outOfOrder.map((f) => f.file).join(', ')}. Rerun with --include-all (includeAll: true) to apply them, after checking they do not depend on later migrations.`,
      'check',
    );
  }
  return analysis.pending;
}

function describeAbove(above: string[]): string {
  const [first] = above;
  return above.length === 1 ? `${first},` : `${first} and ${above.length - 1} more version(s)`;
}

/** Versions outside every range share one group, so they still keep the CLI's strict order among themselves. */
function rangeKey(version: string, owners: RangeOwner[]): string {
  return ownerOf(version, owners)?.workspace ?? '';
}

function rangeLabel(version: string, owners: RangeOwner[]): string {
  const owner = ownerOf(version, owners);
  return owner
    ? `${version} in ${owner.workspace} ${fmt(owner.range)}`
    : `${version} outside the service ranges`;
}
