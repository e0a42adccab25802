// Untrusted `.kodo/config.json` in, a typed config out; every problem is reported with its JSON path.
import fs from 'node:fs/promises';
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { isInside, readRegularFileSync, realPathOf, unreadable } from '../core/fs.js';
import { CONFIG_FILE } from '../core/project.js';
import { findProtoKey, formatJsonPath, formatZodIssues, parseJsonText } from './json.js';
import { configSchema, type RawConfig, type RawWorkspace, type SeveritySetting } from './schema.js';

export interface WorkspaceConfig {
  name: string;
  language: string;
  /** Folder relative to the project root, when the config names it. */
  path: string | undefined;
  /** `null` means "no ORM" (plain SQL); `undefined` means the config does not say. */
  orm: string | null | undefined;
  strategy: 'hybrid' | 'supabase' | 'orm';
  /** The configured range, from `serviceRange` or `sharedDatabase.serviceRanges`. */
  range: { start: string; end: string } | undefined;
}

export interface KodoConfig {
  /** Absolute path of the file read, or null when the project has none. */
  file: string | null;
  mode: 'hybrid' | 'supabase-only';
  workspaces: WorkspaceConfig[];
  /** Explicit ranges for `bootstrap` / `shared` from `sharedDatabase.serviceRanges`. */
  specialRanges: Partial<Record<'bootstrap' | 'shared', { start: string; end: string }>>;
  lint: { rules: Record<string, SeveritySetting> };
  /** `apply.lockTimeout` as written (validated), when the config sets it. */
  lockTimeout?: string;
}

export const EMPTY_CONFIG: KodoConfig = {
  file: null,
  mode: 'supabase-only',
  workspaces: [],
  specialRanges: {},
  lint: { rules: {} },
};

/** Reads the project's config; no file means supabase-only mode. */
export async function loadConfig(root: string): Promise<KodoConfig> {
  const file = path.join(root, CONFIG_FILE);
  const stat = await fs.stat(file).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : e));
  if (stat === null) return EMPTY_CONFIG;
  if (stat instanceof Error) throw unreadable(CONFIG_FILE, stat);
  // A config linked in from elsewhere would make another folder's settings (and, through the MCP server, its
  // contents in messages) this project's.
  if (!isInside(realPathOf(file), realPathOf(root))) {
    throw new KodoError(
      'config-outside',
      `${CONFIG_FILE} is a link that leads outside the project; copy the config into the project instead.`,
    );
  }
  // Same checks as migrations: a FIFO or a device in its place is refused, never read.
  const config = parseConfig(readRegularFileSync(file, CONFIG_FILE).toString('utf8'), file);
  await assertPathsInside(root, config.workspaces);
  return config;
}

/**
 * A workspace path is a folder of this project: `../../etc` or a link leading out of it would make detect read
 * files elsewhere. Checked on real paths; a path that does not exist yet is detect's warning, not an error.
 */
async function assertPathsInside(root: string, workspaces: WorkspaceConfig[]): Promise<void> {
  const real = realPathOf(root);
  for (const ws of workspaces) {
    if (ws.path === undefined) continue;
    if (!isInside(realPathOf(path.resolve(root, ws.path)), real)) {
      throw new KodoError(
        'config-invalid',
        `${CONFIG_FILE} is invalid: stack.workspaces.${ws.name}.path "${ws.path}" leads outside the project; use a folder inside the project root.`,
      );
    }
  }
}

/** Parses config text; `file` is only used in messages and in the result. */
export function parseConfig(text: string, file: string): KodoConfig {
  const json = parseJsonText(text, CONFIG_FILE, 'config-invalid');
  const proto = findProtoKey(json);
  if (proto) {
    throw new KodoError(
      'config-invalid',
      `${CONFIG_FILE} is invalid: ${formatJsonPath(proto)}: "__proto__" cannot be used as a name; rename it.`,
    );
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    throw new KodoError(
      'config-invalid',
      `${CONFIG_FILE} is invalid: ${formatZodIssues(parsed.error.issues)}.`,
    );
  }
  return toConfig(parsed.data, file);
}

function toConfig(raw: RawConfig, file: string): KodoConfig {
  // Looked up with Object.hasOwn only: a workspace named "constructor" must not find Object's constructor.
  const shared = raw.stack?.sharedDatabase?.serviceRanges ?? {};
  const listedRange = (name: string) => (Object.hasOwn(shared, name) ? shared[name] : undefined);
  const problems: string[] = [];
  const rangeFromString = (key: string, value: string) => {
    const [start = '', end = ''] = value.split('-');
    if (BigInt(start) > BigInt(end))
      problems.push(`stack.sharedDatabase.serviceRanges.${key}: start must not be greater than end`);
    return { start, end };
  };
  const workspaces = Object.entries(raw.stack?.workspaces ?? {}).map(([name, ws]) => {
    const listed = listedRange(name);
    return toWorkspace(name, ws, listed === undefined ? undefined : rangeFromString(name, listed));
  });
  for (const [name, ws] of Object.entries(raw.stack?.workspaces ?? {})) {
    const own = ws.database?.migrationStrategy?.serviceRange;
    const listed = listedRange(name);
    if (own && listed && `${own.start}-${own.end}` !== listed) {
      problems.push(
        `stack.workspaces.${name}.database.migrationStrategy.serviceRange (${own.start}-${own.end}) and stack.sharedDatabase.serviceRanges.${name} (${listed}) disagree; keep one of them`,
      );
    }
  }
  const names = new Set(workspaces.map((w) => w.name));
  for (const key of Object.keys(shared)) {
    if (!names.has(key) && key !== 'bootstrap' && key !== 'shared') {
      problems.push(
        `stack.sharedDatabase.serviceRanges.${key}: no workspace named "${key}" in stack.workspaces; add that workspace or remove the key (bootstrap and shared are the only other keys)`,
      );
    }
  }
  for (const reserved of ['bootstrap', 'shared']) {
    if (names.has(reserved))
      problems.push(
        `stack.workspaces.${reserved}: "${reserved}" is a reserved workspace name; rename the workspace`,
      );
  }
  const specialRanges: KodoConfig['specialRanges'] = {};
  const bootstrap = listedRange('bootstrap');
  const sharedRange = listedRange('shared');
  if (bootstrap) specialRanges.bootstrap = rangeFromString('bootstrap', bootstrap);
  if (sharedRange) specialRanges.shared = rangeFromString('shared', sharedRange);
  if (problems.length > 0)
    throw new KodoError('config-invalid', `${CONFIG_FILE} is invalid: ${problems.join('; ')}.`);
  const hybrid = workspaces.some((w) => w.strategy === 'hybrid') || Object.keys(shared).length > 0;
  return {
    file,
    mode: hybrid ? 'hybrid' : 'supabase-only',
    workspaces,
    specialRanges,
    lint: { rules: raw.lint?.rules ?? {} },
    ...(raw.apply?.lockTimeout !== undefined && { lockTimeout: raw.apply.lockTimeout }),
  };
}

function toWorkspace(
  name: string,
  ws: RawWorkspace,
  sharedRange: { start: string; end: string } | undefined,
): WorkspaceConfig {
  const strategy = ws.database?.migrationStrategy;
  const orm = ws.database?.orm === undefined ? undefined : ws.database.orm.name;
  // A workspace that names an ORM but no strategy follows the seed's hybrid workflow.
  const type = strategy?.type ?? (orm ? 'hybrid' : 'supabase');
  return {
    name,
    language: ws.language.toLowerCase(),
    path: ws.path,
    orm,
    strategy: type,
    range: strategy?.serviceRange ?? sharedRange,
  };
}
