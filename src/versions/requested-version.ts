// An explicit version (create_migration's `version`, `kodo new --version`) checked against the rules allocation
// follows, so that an agent which computed a version itself never writes a file whose number breaks them. A
// refusal names the one rule broken and the version kodo would pick instead.
import type { KodoConfig } from '../config/load.js';
import { KodoError } from '../core/errors.js';
import { type MigrationKind, nextRangeVersion, nextTimestampVersion } from './allocate.js';
import { type Allocation, type AllocationRequest, plainWorkspace, resolveOwner } from './allocate-version.js';
import { compareVersions } from './grammar.js';
import { fmt, inRange, ownerOf, type RangeOwner, resolveRanges } from './ranges.js';

export interface RequestedVersion extends AllocationRequest {
  version: string;
}

/** What is already in supabase/migrations: versions and the file holding each. */
export interface ExistingVersion {
  version: string;
  file: string;
}

export function checkRequestedVersion(
  config: KodoConfig,
  existing: ExistingVersion[],
  request: RequestedVersion,
): Allocation {
  return config.mode === 'hybrid'
    ? checkRangeVersion(config, existing, request)
    : checkTimestampVersion(config, existing, request);
}

function checkRangeVersion(
  config: KodoConfig,
  existing: ExistingVersion[],
  request: RequestedVersion,
): Allocation {
  const { version } = request;
  const owners = resolveRanges(config);
  // Without a workspace, the range the version falls in says whose it is (00203: the Python service's).
  const wanted = request.workspace ?? versionOwner(version, owners) ?? request.defaultWorkspace;
  if (wanted === undefined && config.workspaces.length !== 1) {
    // No workspace to pick a version in: say where versions can go instead of asking for a workspace.
    throw new KodoError(
      'version-refused',
      `Version ${quoted(version)} falls in no range of this project (${owners.map((o) => `${o.workspace} ${fmt(o.range)}`).join(', ')}); give a version inside one, or name the workspace and omit the version to get its next free one.`,
    );
  }
  const owner = resolveOwner(config, owners, wanted);
  const width = owner.range.start.length;
  const digits = new RegExp(`^[0-9]{${width}}$`).test(version);
  // Without a kind, the version's parity says what it is: odd numbers are behaviour migrations.
  const kind: MigrationKind = request.kind ?? (digits && BigInt(version) % 2n === 1n ? 'behavior' : 'schema');
  const versions = existing.map((e) => e.version);
  const where = `the ${owner.prefix ?? owner.workspace} range ${fmt(owner.range)}`;
  const refuse = (problem: string): never => {
    const pick = nextRangeVersion(versions, owner.range, kind, owner.workspace);
    throw new KodoError('version-refused', `Version ${quoted(version)} ${problem}; use ${pick}.`);
  };
  if (!digits) refuse(`is not a ${width}-digit version like ${owner.range.start}`);
  if (!inRange(version, owner.range)) refuse(`is outside ${where} of workspace "${owner.workspace}"`);
  const odd = BigInt(version) % 2n === 1n;
  if (odd !== (kind === 'behavior')) {
    refuse(
      `is ${odd ? 'odd' : 'even'}, and the even/odd rule keeps ${odd ? 'odd' : 'even'} numbers for ${odd ? 'behavior' : 'schema'} migrations, but this is a ${kind} migration`,
    );
  }
  checkTaken(existing, version, refuse);
  const highest = versions
    .filter((v) => inRange(v, owner.range))
    .sort(compareVersions)
    .at(-1);
  if (highest !== undefined && compareVersions(version, highest) < 0) {
    refuse(
      `is below ${highest}, the highest version already in ${where}, and gaps are never filled: a database that has applied ${highest} would have to run an earlier version`,
    );
  }
  return {
    version,
    workspace: owner.workspace,
    kind,
    range: { ...owner.range },
    prefix: owner.prefix ?? null,
    mode: 'hybrid',
  };
}

function checkTimestampVersion(
  config: KodoConfig,
  existing: ExistingVersion[],
  request: RequestedVersion,
): Allocation {
  const { version } = request;
  const versions = existing.map((e) => e.version);
  const refuse = (problem: string): never => {
    throw new KodoError(
      'version-refused',
      `Version ${quoted(version)} ${problem}; use ${nextTimestampVersion(versions, request.now)}.`,
    );
  };
  if (!/^[0-9]{14}$/.test(version)) {
    refuse(
      'is not a 14-digit UTC timestamp (YYYYMMDDHHMMSS), which this project uses without hybrid ranges in .kodo/config.json',
    );
  }
  checkTaken(existing, version, refuse);
  const newest = [...versions].sort(compareVersions).at(-1);
  if (newest !== undefined && compareVersions(version, newest) < 0) {
    refuse(
      `is below ${newest}, the newest version in supabase/migrations, so it would run before migrations a database may already have applied`,
    );
  }
  return {
    version,
    workspace: plainWorkspace(config, request.workspace),
    kind: request.kind ?? 'schema',
    range: null,
    prefix: null,
    mode: 'supabase-only',
  };
}

function checkTaken(existing: ExistingVersion[], version: string, refuse: (problem: string) => never): void {
  const taken = existing.find((e) => e.version === version);
  if (taken) refuse(`is already taken by ${taken.file}`);
}

function versionOwner(version: string, owners: RangeOwner[]): string | undefined {
  return /^[0-9]+$/.test(version) ? ownerOf(version, owners)?.workspace : undefined;
}

/** A version as the user wrote it, quoted only when it is not plain digits (so "abc" reads as given). */
function quoted(version: string): string {
  return /^[0-9]+$/.test(version) ? version : JSON.stringify(version.slice(0, 40));
}
