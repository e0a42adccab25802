// version-out-of-range: in hybrid mode, a file whose version and workspace prefix disagree with the config's ranges.
import fs from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../config/load.js';
import { CONFIG_FILE } from '../../core/project.js';
import { fmt, ownerOf, type RangeOwner, resolveRanges } from '../../versions/ranges.js';
import type { LintFile, LintSettings, Rule } from '../types.js';

/** Ranges the engine may hand over in settings (undefined: not a hybrid project, or not passed). */
type WithRanges = LintSettings & { ranges?: RangeOwner[] };

/** The hybrid ranges of the project holding `file`: the nearest `.kodo/config.json` above it. */
function rangesFromDisk(file: LintFile, cache: Map<string, RangeOwner[] | null>): RangeOwner[] | null {
  let dir = path.dirname(path.resolve(file.path));
  const visited: string[] = [];
  let found: RangeOwner[] | null = null;
  for (;;) {
    const cached = cache.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) {
      try {
        const config = parseConfig(fs.readFileSync(candidate, 'utf8'), candidate);
        found = config.mode === 'hybrid' ? resolveRanges(config) : null;
      } catch {
        // An invalid config is reported by the commands that load it; stay silent here.
        found = null;
      }
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) cache.set(d, found);
  return found;
}

/** The workspace prefix a file name starts with (`node` in `00100_node_users`), among the configured ones. */
function prefixOf(rest: string, owners: RangeOwner[]): string | undefined {
  return owners
    .map((o) => o.prefix)
    .filter((p): p is string => p !== undefined)
    .sort((a, b) => b.length - a.length)
    .find((p) => rest === p || rest.startsWith(`${p}_`));
}

function describeRanges(owners: RangeOwner[]): string {
  return owners.map((o) => `${o.workspace} ${fmt(o.range)}`).join(', ');
}

export const versionOutOfRange = {
  id: 'version-out-of-range',
  severity: 'error',
  description:
    "In hybrid mode, a migration whose version lies outside every range of .kodo/config.json, or whose prefix (node, python, rust, shared; none for bootstrap) does not match its version's range.",
  help: 'Take versions from `kodo new --workspace <name>` (or `kodo allocate`): each workspace owns a range, and the prefix tells reviewers and tools which service wrote the file.',
  create: ({ settings, report }) => {
    const injected = (settings as WithRanges).ranges;
    const cache = new Map<string, RangeOwner[] | null>();
    /** By the folder part of `file.path` as given: files of one folder skip `path.resolve` and the walk up. */
    const byFolder = new Map<string, RangeOwner[] | null>();
    const ranges = (file: LintFile): RangeOwner[] | null => {
      const folder = file.path.slice(
        0,
        Math.max(file.path.lastIndexOf('/'), file.path.lastIndexOf('\\')) + 1,
      );
      let found = byFolder.get(folder);
      if (found === undefined) {
        found = rangesFromDisk(file, cache);
        byFolder.set(folder, found);
      }
      return found;
    };
    return {
      fileStart(file) {
        if (!file.reported || file.version === undefined) return;
        const owners = injected ?? ranges(file);
        if (!owners || owners.length === 0) return;
        const version = file.version;
        const rest = file.name.slice(version.length + 1).replace(/\.sql$/, '');
        const owner = ownerOf(version, owners);
        const at = { file, offset: 0 };
        if (!owner) {
          report({
            at,
            message: `Version ${version} of ${file.name} lies outside every range in .kodo/config.json (${describeRanges(owners)}), so it does not sort with its service's migrations; take a version from kodo new --workspace <name>.`,
          });
          return;
        }
        const prefix = prefixOf(rest, owners);
        if (prefix === owner.prefix) return;
        const has = prefix ? `has prefix ${prefix}` : 'has no workspace prefix';
        const expected = owner.prefix
          ? `whose files are named ${version}_${owner.prefix}_…`
          : 'whose files carry no prefix';
        report({
          at,
          message: `File ${file.name} ${has}, but version ${version} is in the ${owner.workspace} range ${fmt(owner.range)}, ${expected}; rename the file or take a version from the right range with kodo new.`,
        });
      },
    };
  },
} satisfies Rule;
