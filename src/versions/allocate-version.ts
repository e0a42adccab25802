// The next free version for a workspace: config and the migrations folder in, one allocation out.
import fs from 'node:fs/promises';
import { z } from 'zod';
import type { KodoConfig } from '../config/load.js';
import { KodoError } from '../core/errors.js';
import { Project } from '../project/project.js';
import { MIGRATION_KINDS, type MigrationKind, nextRangeVersion, nextTimestampVersion } from './allocate.js';
import { type RangeOwner, resolveRanges } from './ranges.js';

export const migrationKindSchema = z
  .enum(MIGRATION_KINDS)
  .describe(
    'schema: tables, columns, indexes (even versions). behavior: RLS, policies, triggers, functions (odd).',
  );

/** The allocation result; the `--json` of `kodo allocate` and the output of `allocate_version`. */
export const allocationShape = {
  version: z.string().describe('The version to use as the file-name prefix.'),
  workspace: z.string().nullable().describe('The workspace the version belongs to; null without one.'),
  kind: migrationKindSchema,
  range: z
    .object({ start: z.string(), end: z.string() })
    .nullable()
    .describe('The workspace range in hybrid mode; null for timestamp versions.'),
  prefix: z
    .string()
    .nullable()
    .describe('File-name prefix after the version (node, python, rust, shared); null for none.'),
  mode: z
    .enum(['hybrid', 'supabase-only'])
    .describe('hybrid: range numbers; supabase-only: 14-digit UTC timestamps.'),
};
export type Allocation = z.infer<z.ZodObject<typeof allocationShape>>;

export interface AllocationRequest {
  /** A config workspace, `bootstrap`, `shared`, or an unambiguous prefix (`node`, `python`, `rust`). */
  workspace?: string | undefined;
  kind?: MigrationKind | undefined;
  /** Used when `workspace` is not given, before the "only workspace" default (bootstrap templates). */
  defaultWorkspace?: string | undefined;
  /** The clock, for timestamp versions (tests pass a fixed one). */
  now?: Date | undefined;
}

/** Reads the project's config and migrations folder and allocates the next version (no file is written). */
export async function allocateVersion(root: string, request: AllocationRequest): Promise<Allocation> {
  await assertProjectRoot(root);
  const project = new Project(root);
  return allocateFrom(
    await project.config(),
    project.versionsInUse().map((f) => f.version),
    request,
  );
}

/** The pure part: every version already present counts, whatever workspace wrote it. */
export function allocateFrom(config: KodoConfig, versions: string[], request: AllocationRequest): Allocation {
  const kind = request.kind ?? 'schema';
  if (config.mode !== 'hybrid') {
    return {
      version: nextTimestampVersion(versions, request.now),
      workspace: plainWorkspace(config, request.workspace),
      kind,
      range: null,
      prefix: null,
      mode: 'supabase-only',
    };
  }
  const owners = resolveRanges(config);
  const owner = resolveOwner(config, owners, request.workspace ?? request.defaultWorkspace);
  return {
    version: nextRangeVersion(versions, owner.range, kind, owner.workspace),
    workspace: owner.workspace,
    kind,
    range: { ...owner.range },
    prefix: owner.prefix ?? null,
    mode: 'hybrid',
  };
}

export function resolveOwner(
  config: KodoConfig,
  owners: RangeOwner[],
  wanted: string | undefined,
): RangeOwner {
  if (wanted === undefined) {
    const only = config.workspaces.length === 1 ? config.workspaces[0] : undefined;
    const owner = only && owners.find((o) => o.workspace === only.name);
    if (owner) return owner;
    throw new KodoError(
      'workspace-required',
      `This hybrid project has ${config.workspaces.length} workspaces, so name one: ${validNames(owners)}.`,
    );
  }
  const exact = owners.find((o) => o.workspace === wanted);
  if (exact) return exact;
  const byPrefix = owners.filter((o) => o.prefix === wanted);
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (byPrefix.length > 1) {
    throw new KodoError(
      'workspace-ambiguous',
      `"${wanted}" is the prefix of several workspaces (${byPrefix.map((o) => o.workspace).join(', ')}); name one of them.`,
    );
  }
  throw new KodoError(
    'workspace-unknown',
    `Unknown workspace "${wanted}"; use one of: ${validNames(owners)}.`,
  );
}

function validNames(owners: RangeOwner[]): string {
  const names = owners.map((o) => o.workspace);
  const aliases = [
    ...new Set(owners.map((o) => o.prefix).filter((p): p is string => !!p && !names.includes(p))),
  ];
  return names.join(', ') + (aliases.length > 0 ? ` (or the prefix ${aliases.join(', ')})` : '');
}

/** Without hybrid ranges a workspace only labels the migration, but a wrong name is still a mistake. */
export function plainWorkspace(config: KodoConfig, wanted: string | undefined): string | null {
  const names = config.workspaces.map((w) => w.name);
  if (wanted === undefined) return names.length === 1 ? names[0]! : null;
  if (names.includes(wanted)) return wanted;
  throw new KodoError(
    'workspace-unknown',
    names.length === 0
      ? `Unknown workspace "${wanted}": this project has no hybrid config (versions are timestamps), so omit the workspace.`
      : `Unknown workspace "${wanted}"; use one of: ${names.join(', ')}, or omit it (this project uses timestamp versions).`,
  );
}

/** A typo in --cwd should be an error, not an empty project (and never a new folder). */
export async function assertProjectRoot(root: string): Promise<void> {
  const stat = await fs.stat(root).catch(() => null);
  if (!stat?.isDirectory()) {
    throw new KodoError(
      'no-project',
      `Project root ${root} is not a folder; pass the project's root directory.`,
    );
  }
}
