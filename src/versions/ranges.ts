// Service ranges in hybrid mode: which numbers belong to which workspace, and the even/odd rule.

import type { KodoConfig, WorkspaceConfig } from '../config/load.js';
import { KodoError } from '../core/errors.js';

export interface Range {
  start: string;
  end: string;
}

export interface RangeOwner {
  /** Workspace name: a config workspace, or `bootstrap` / `shared`. */
  workspace: string;
  /** File-name prefix: `node`, `python`, `rust`, `shared`, or none for bootstrap. */
  prefix: string | undefined;
  range: Range;
  source: 'default' | 'config';
}

export const BOOTSTRAP_RANGE: Range = { start: '00000', end: '00099' };
export const SHARED_START = '00400';
const WIDTH = 5;

/** Language defaults from INTERFACES.md. */
const LANGUAGE_DEFAULTS: Record<string, { range: Range; prefix: string }> = {
  typescript: { range: { start: '00100', end: '00199' }, prefix: 'node' },
  javascript: { range: { start: '00100', end: '00199' }, prefix: 'node' },
  python: { range: { start: '00200', end: '00299' }, prefix: 'python' },
  rust: { range: { start: '00300', end: '00399' }, prefix: 'rust' },
};

/** Own keys only: a language named "constructor" must not find Object's constructor. */
function languageDefault(language: string): { range: Range; prefix: string } | undefined {
  return Object.hasOwn(LANGUAGE_DEFAULTS, language) ? LANGUAGE_DEFAULTS[language] : undefined;
}

export function prefixForLanguage(language: string, workspace: string): string {
  return languageDefault(language)?.prefix ?? workspace.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

export function defaultRangeForLanguage(language: string): Range | undefined {
  return languageDefault(language)?.range;
}

/**
 * Every range in a hybrid project, sorted by start. `shared` runs from 00400 up to just below the
 * next range above it (or to 99999), so adding a fourth service never collides with it.
 * Overlaps are config errors.
 */
export function resolveRanges(config: KodoConfig): RangeOwner[] {
  const owners: RangeOwner[] = [
    {
      workspace: 'bootstrap',
      prefix: undefined,
      range: config.specialRanges.bootstrap ?? BOOTSTRAP_RANGE,
      source: config.specialRanges.bootstrap ? 'config' : 'default',
    },
  ];
  for (const ws of config.workspaces) owners.push(workspaceOwner(ws));
  const sharedStart = config.specialRanges.shared?.start ?? SHARED_START;
  let sharedEnd = config.specialRanges.shared?.end;
  if (!sharedEnd) {
    const above = owners.map((o) => o.range.start).filter((s) => BigInt(s) > BigInt(sharedStart));
    const next = above.sort((a, b) => Number(BigInt(a) - BigInt(b)))[0];
    sharedEnd = next ? pad(BigInt(next) - 1n, WIDTH) : '99999';
  }
  owners.push({
    workspace: 'shared',
    prefix: 'shared',
    range: { start: sharedStart, end: sharedEnd },
    source: config.specialRanges.shared ? 'config' : 'default',
  });
  owners.sort((a, b) => Number(BigInt(a.range.start) - BigInt(b.range.start)));
  assertOneWidth(owners);
  assertNoOverlap(owners);
  return owners;
}

function workspaceOwner(ws: WorkspaceConfig): RangeOwner {
  const prefix = prefixForLanguage(ws.language, ws.name);
  if (ws.range) return { workspace: ws.name, prefix, range: ws.range, source: 'config' };
  const range = defaultRangeForLanguage(ws.language);
  if (!range) {
    throw new KodoError(
      'config-invalid',
      `.kodo/config.json is invalid: stack.workspaces.${ws.name}.database.migrationStrategy.serviceRange is required for language "${ws.language}", which has no default range; add one such as { "start": "00500", "end": "00599" }.`,
    );
  }
  return { workspace: ws.name, prefix, range, source: 'default' };
}

/** Versions are compared as strings, which matches numeric order only when every range has one width. */
function assertOneWidth(owners: RangeOwner[]): void {
  for (const o of owners) {
    for (const bound of [o.range.start, o.range.end]) {
      if (bound.length !== WIDTH) {
        throw new KodoError(
          'config-invalid',
          `.kodo/config.json is invalid: the range of "${o.workspace}" (${fmt(o.range)}) must use ${WIDTH}-digit bounds like 00100-00199, so that version order as text matches numeric order.`,
        );
      }
    }
  }
}

function assertNoOverlap(owners: RangeOwner[]): void {
  for (let i = 0; i < owners.length; i++) {
    for (let j = i + 1; j < owners.length; j++) {
      const a = owners[i]!;
      const b = owners[j]!;
      if (BigInt(a.range.start) <= BigInt(b.range.end) && BigInt(b.range.start) <= BigInt(a.range.end)) {
        throw new KodoError(
          'config-invalid',
          `.kodo/config.json is invalid: ranges of "${a.workspace}" (${fmt(a.range)}) and "${b.workspace}" (${fmt(b.range)}) overlap; give each workspace its own serviceRange.`,
        );
      }
    }
  }
}

export function fmt(range: Range): string {
  return `${range.start}-${range.end}`;
}

export function pad(n: bigint, width: number): string {
  return n.toString().padStart(width, '0');
}

export function inRange(version: string, range: Range): boolean {
  // Timestamps and other widths never belong to a 5-digit service range.
  if (version.length !== range.start.length) return false;
  const v = BigInt(version);
  return v >= BigInt(range.start) && v <= BigInt(range.end);
}

/** The range a version falls in, if any. */
export function ownerOf(version: string, owners: RangeOwner[]): RangeOwner | undefined {
  return owners.find((o) => inRange(version, o.range));
}
