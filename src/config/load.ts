// Untrusted `.kodo/config.json` in, a typed config out; every problem is reported with its JSON path.
import fs from 'node:fs/promises';
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { CONFIG_FILE } from '../core/project.js';
import { formatZodIssues, parseJsonText } from './json.js';
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
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_CONFIG;
    throw new KodoError(
      'config-unreadable',
      `${CONFIG_FILE} cannot be read (${(e as Error).message}); check its permissions.`,
    );
  }
  return parseConfig(text, file);
}

/** Parses config text; `file` is only used in messages and in the result. */
export function parseConfig(text: string, file: string): KodoConfig {
  const json = parseJsonText(text, CONFIG_FILE, 'config-invalid');
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
  const shared = raw.stack?.sharedDatabase?.serviceRanges ?? {};
  const problems: string[] = [];
  const rangeFromString = (key: string, value: string) => {
    const [start = '', end = ''] = value.split('-');
    if (BigInt(start) > BigInt(end))
      problems.push(`stack.sharedDatabase.serviceRanges.${key}: start must not be greater than end`);
    return { start, end };
  };
  const workspaces = Object.entries(raw.stack?.workspaces ?? {}).map(([name, ws]) =>
    toWorkspace(name, ws, shared[name] === undefined ? undefined : rangeFromString(name, shared[name])),
  );
  for (const [name, ws] of Object.entries(raw.stack?.workspaces ?? {})) {
    const own = ws.database?.migrationStrategy?.serviceRange;
    const listed = shared[name];
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
  if (shared['bootstrap']) specialRanges.bootstrap = rangeFromString('bootstrap', shared['bootstrap']);
  if (shared['shared']) specialRanges.shared = rangeFromString('shared', shared['shared']);
  if (problems.length > 0)
    throw new KodoError('config-invalid', `${CONFIG_FILE} is invalid: ${problems.join('; ')}.`);
  const hybrid = workspaces.some((w) => w.strategy === 'hybrid') || Object.keys(shared).length > 0;
  return {
    file,
    mode: hybrid ? 'hybrid' : 'supabase-only',
    workspaces,
    specialRanges,
    lint: { rules: raw.lint?.rules ?? {} },
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
