// What init does to .kodo/config.json: detected workspaces missing from it are added with their ranges in the
// seed's stack.workspaces format; everything already there is kept as written (a user's config is never
// rewritten to kodo's taste, and a config with nothing to add is not touched at all).
import type { KodoConfig } from '../config/load.js';
import { parseConfig } from '../config/load.js';
import type { DetectedWorkspace } from '../detect/schema.js';
import {
  BOOTSTRAP_RANGE,
  defaultRangeForLanguage,
  type Range,
  resolveRanges,
  SHARED_START,
} from '../versions/ranges.js';
import { assignRange } from './assign-ranges.js';
import type { InitFile, InitWorkspace } from './result.js';

export const CONFIG_PATH = '.kodo/config.json';

/** Names the config schema accepts for a workspace (src/config/schema.ts); bootstrap and shared are reserved. */
const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const RESERVED = new Set(['bootstrap', 'shared']);

type Json = Record<string, unknown>;

export interface ConfigPlan {
  file: InitFile;
  workspaces: InitWorkspace[];
}

/**
 * `raw` is the existing config's parsed JSON (undefined without a file); `config` its validated form. Detected
 * workspaces come from detectProject, which already merged the config's own.
 */
export function planConfig(
  config: KodoConfig,
  raw: Json | undefined,
  detected: DetectedWorkspace[],
): ConfigPlan {
  const taken: Range[] = [
    config.specialRanges.bootstrap ?? BOOTSTRAP_RANGE,
    // New ranges start above shared's first hundred, so shared keeps room to grow from 00400.
    config.specialRanges.shared ?? { start: SHARED_START, end: '00499' },
    ...config.workspaces.flatMap((w) => {
      const range = w.range ?? defaultRangeForLanguage(w.language);
      return range ? [range] : [];
    }),
  ];
  const workspaces: InitWorkspace[] = config.workspaces.map((w) => ({
    name: w.name,
    language: w.language,
    orm: w.orm ?? null,
    path: w.path ?? null,
    range: w.range ?? defaultRangeForLanguage(w.language) ?? null,
    status: 'kept',
    reason: null,
  }));
  const added: Json = {};
  for (const ws of detected) {
    if (ws.source !== 'filesystem') continue;
    const entry = { name: ws.name, language: ws.language, orm: ws.orm, path: ws.path };
    const problem = !WORKSPACE_NAME.test(ws.name)
      ? `"${ws.name}" is not a valid workspace name (letters, digits, "-", "_" or "."); add it by hand under another name.`
      : RESERVED.has(ws.name)
        ? `"${ws.name}" is a reserved workspace name; add the folder ${ws.path ?? ''} by hand under another name.`
        : null;
    if (problem) {
      workspaces.push({ ...entry, range: null, status: 'skipped', reason: problem });
      continue;
    }
    const range = assignRange(ws.name, ws.language, taken);
    workspaces.push({ ...entry, range, status: 'added', reason: null });
    added[ws.name] = {
      language: ws.language,
      ...(ws.path !== null && { path: ws.path }),
      database: {
        orm: { name: ws.orm },
        migrationStrategy: { type: 'hybrid', serviceRange: range },
      },
    };
  }
  const names = Object.keys(added);
  // Init makes a project hybrid: with nothing to add to a config that is not, the bootstrap range is pinned.
  const pin = config.mode !== 'hybrid' && names.length === 0;
  if (raw !== undefined && names.length === 0 && !pin) {
    return {
      workspaces,
      file: {
        path: CONFIG_PATH,
        action: 'skip',
        reason: `${CONFIG_PATH} already lists every workspace kodo detected, so it is kept as it is.`,
        content: null,
      },
    };
  }
  const content = `${JSON.stringify(merge(raw ?? {}, added, pin), null, 2)}\n`;
  // What init writes must load, ranges included: a clash would otherwise surface in the next command.
  const written = parseConfig(content, CONFIG_PATH);
  if (written.mode === 'hybrid') resolveRanges(written);
  return {
    workspaces,
    file: {
      path: CONFIG_PATH,
      action: raw === undefined ? 'create' : 'update',
      reason:
        raw === undefined
          ? names.length > 0
            ? `Hybrid config with the detected workspaces ${names.join(', ')} and their ranges.`
            : 'Hybrid config without service workspaces (none detected): the bootstrap range is pinned so that versions are range numbers, not timestamps.'
          : names.length > 0
            ? `Adds the detected workspaces ${names.join(', ')} with their ranges; everything already in ${CONFIG_PATH} is kept.`
            : `Pins the bootstrap range in stack.sharedDatabase.serviceRanges so that versions are range numbers; everything already in ${CONFIG_PATH} is kept.`,
      content,
    },
  };
}

/** The existing JSON with the new workspaces (and their languages) added; no existing key is changed. */
function merge(raw: Json, added: Json, pinBootstrap: boolean): Json {
  const stack = { ...((raw['stack'] as Json | undefined) ?? {}) };
  const languages = (stack['languages'] as string[] | undefined) ?? [];
  const newLanguages = Object.values(added).map((w) => (w as { language: string }).language);
  if (newLanguages.length > 0) stack['languages'] = [...new Set([...languages, ...newLanguages])];
  stack['workspaces'] = { ...((stack['workspaces'] as Json | undefined) ?? {}), ...added };
  const shared = { ...((stack['sharedDatabase'] as Json | undefined) ?? {}) };
  shared['enabled'] ??= true;
  shared['provider'] ??= 'supabase';
  // With no workspace, only a configured range makes the project hybrid (src/config/load.ts).
  if (pinBootstrap) {
    shared['serviceRanges'] = {
      ...((shared['serviceRanges'] as Json | undefined) ?? {}),
      bootstrap: `${BOOTSTRAP_RANGE.start}-${BOOTSTRAP_RANGE.end}`,
    };
  }
  stack['sharedDatabase'] = shared;
  return { ...raw, stack };
}
