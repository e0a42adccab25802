// Joins config workspaces with the services found on disk; every disagreement becomes a warning, never an error.
import type { KodoConfig, WorkspaceConfig } from '../config/load.js';
import { CONFIG_FILE } from '../core/project.js';
import { defaultRangeForLanguage, fmt, type RangeOwner } from '../versions/ranges.js';
import type { DetectedService, Finding } from './folders.js';
import { findOrm, languageFamily, type OrmInfo, ormInfo } from './orms.js';
import type { DetectedWorkspace } from './schema.js';
import { baseOf, type DetectWarning, isWithin, joinRel, type ProbeContext, showDir } from './signal.js';

export interface MergeResult {
  workspaces: DetectedWorkspace[];
  warnings: DetectWarning[];
}

/** The folder a config workspace stands for; `missing` when its configured path does not exist. */
type Match = DetectedService | 'missing' | undefined;

export async function mergeWithConfig(
  config: KodoConfig,
  services: DetectedService[],
  owners: RangeOwner[],
  ctx: ProbeContext,
): Promise<MergeResult> {
  const warnings: DetectWarning[] = [];
  const matches = await matchWorkspaces(config.workspaces, services, ctx, warnings);
  const workspaces = config.workspaces.map((ws) => fromConfig(ws, matches.get(ws), owners, warnings));
  const claimed = new Set<Match>(matches.values());
  const taken = new Set(workspaces.map((w) => w.name));
  const configured = config.file !== null && (config.mode === 'hybrid' || config.workspaces.length > 0);
  for (const service of services) {
    if (claimed.has(service)) continue;
    // A folder named like a config workspace it does not belong to is named by its whole path instead.
    const name = !taken.has(service.name)
      ? service.name
      : service.dir === ''
        ? `${service.name}-root`
        : service.dir.replace(/\//g, '-');
    taken.add(name);
    workspaces.push(fromFiles(service, name, config, owners, configured, warnings));
  }
  for (const w of workspaces) {
    if (w.supported) continue;
    warnings.push({
      code: 'unsupported-orm',
      message: `Workspace "${w.name}" uses ${w.orm}${w.path ? ` (${w.path})` : ''}, which kodo detects but cannot sync yet; write its schema changes as SQL migrations in supabase/migrations (kodo new).`,
    });
  }
  return { workspaces, warnings };
}

/**
 * Which folder each config workspace stands for: its `path` first; for workspaces without one, a folder
 * of the same name, else a folder showing its ORM (the first, with a warning, when several do), else the
 * only folder of its language.
 */
async function matchWorkspaces(
  list: WorkspaceConfig[],
  services: DetectedService[],
  ctx: ProbeContext,
  warnings: DetectWarning[],
): Promise<Map<WorkspaceConfig, Match>> {
  const matches = new Map<WorkspaceConfig, Match>();
  const free = new Set(services);
  const take = (ws: WorkspaceConfig, match: Match) => {
    matches.set(ws, match);
    if (match && match !== 'missing') free.delete(match);
  };
  for (const ws of list) {
    if (ws.path === undefined) continue;
    const dir = joinRel(ws.path);
    if (!(await ctx.exists(dir))) {
      warnings.push({
        code: 'config-path-missing',
        message: `Workspace "${ws.name}" has path "${ws.path}", which does not exist; fix stack.workspaces.${ws.name}.path in ${CONFIG_FILE}.`,
      });
      take(ws, 'missing');
      continue;
    }
    const inside = services.filter((s) => free.has(s) && isWithin(s.dir, dir));
    take(ws, inside.find((s) => s.dir === dir) ?? inside.sort((a, b) => depth(a.dir) - depth(b.dir))[0]);
  }
  const pending = () => list.filter((ws) => !matches.has(ws));
  for (const ws of pending()) {
    const named = [...free].find((s) => s.name === ws.name || baseOf(s.dir) === ws.name);
    if (named) take(ws, named);
  }
  for (const ws of pending()) {
    const orm = ws.orm ? findOrm(ws.orm)?.id : undefined;
    const candidates = [...free].filter((s) => s.findings.some((f) => f.orm === orm));
    const first = candidates[0];
    if (!first) continue;
    if (candidates.length > 1) {
      warnings.push({
        code: 'ambiguous-match',
        message: `Workspace "${ws.name}" (${orm}) could be any of ${candidates.map((s) => showDir(s.dir)).join(', ')}; kodo chose ${showDir(first.dir)}. Set stack.workspaces.${ws.name}.path in ${CONFIG_FILE}.`,
      });
    }
    take(ws, first);
  }
  for (const ws of pending()) {
    const family = languageFamily(ws.language);
    const candidates = [...free].filter((s) => family && languageFamily(s.findings[0]!.language) === family);
    if (candidates.length === 1) take(ws, candidates[0]);
    else take(ws, undefined);
    if (candidates.length !== 1 && ws.orm) {
      warnings.push({
        code: 'workspace-unmatched',
        message: `Workspace "${ws.name}" (${ws.orm}) matches no folder: kodo found no ${ws.orm} evidence for it. Set stack.workspaces.${ws.name}.path in ${CONFIG_FILE} to its folder.`,
      });
    }
  }
  return matches;
}

function fromConfig(
  ws: WorkspaceConfig,
  match: Match,
  owners: RangeOwner[],
  warnings: DetectWarning[],
): DetectedWorkspace {
  const service = match === 'missing' ? undefined : match;
  const configured = ws.orm ? (findOrm(ws.orm) ?? null) : null;
  const configuredId = ws.orm ? (configured?.id ?? ws.orm.toLowerCase()) : ws.orm;
  const finding = service?.findings.find((f) => f.orm === configuredId) ?? service?.findings[0];
  // The config is what the user declared, so its ORM wins; the files only raise warnings.
  const orm = configuredId === undefined ? (finding?.orm ?? null) : configuredId;
  const info = orm === null ? null : (findOrm(orm) ?? null);
  const dir = ws.path === undefined ? service?.dir : joinRel(ws.path);
  if (service && finding) {
    checkAgreement(ws, service, finding, orm, warnings);
  } else if (ws.path !== undefined && match !== 'missing' && orm !== null) {
    warnings.push({
      code: 'orm-not-found',
      message: `Workspace "${ws.name}" is configured with ${orm}, but ${showDir(joinRel(ws.path))} shows no ${orm} evidence; check stack.workspaces.${ws.name}.path and its orm name in ${CONFIG_FILE}.`,
    });
  }
  const owner = owners.find((o) => o.workspace === ws.name);
  return {
    name: ws.name,
    language: ws.language,
    orm,
    migrationTool: orm === null ? 'supabase' : (info?.migrationTool ?? null),
    migrationsDir: migrationsDirFor(orm, info, finding, dir),
    range: owner ? owner.range : null,
    source: service ? 'config+filesystem' : 'config',
    evidence: finding?.evidence ?? [],
    path: dir === undefined ? null : showDir(dir),
    prefix: owner?.prefix ?? null,
    supported: orm === null || (info?.supported ?? false),
  };
}

function checkAgreement(
  ws: WorkspaceConfig,
  service: DetectedService,
  finding: Finding,
  orm: string | null,
  warnings: DetectWarning[],
): void {
  const where = showDir(service.dir);
  if (finding.orm !== orm) {
    warnings.push({
      code: 'orm-mismatch',
      message: `Workspace "${ws.name}" is configured with ${orm === null ? 'no ORM' : `orm "${orm}"`}, but ${where} shows ${finding.orm} (${finding.evidence[0]}); correct stack.workspaces.${ws.name}.database.orm.name in ${CONFIG_FILE} or the files.`,
    });
  } else if (languageFamily(ws.language) !== languageFamily(finding.language)) {
    warnings.push({
      code: 'language-mismatch',
      message: `Workspace "${ws.name}" is configured as ${ws.language}, but ${where} looks like ${finding.language} (${finding.evidence[0]}); correct stack.workspaces.${ws.name}.language in ${CONFIG_FILE}.`,
    });
  }
}

function fromFiles(
  service: DetectedService,
  name: string,
  config: KodoConfig,
  owners: RangeOwner[],
  configured: boolean,
  warnings: DetectWarning[],
): DetectedWorkspace {
  const [finding, ...others] = service.findings as [Finding, ...Finding[]];
  const where = showDir(service.dir);
  if (others.length > 0) {
    warnings.push({
      code: 'multiple-orms',
      message: `${where} shows ${service.findings.map((f) => f.orm).join(' and ')}; kodo reports it as ${finding.orm}. Name its ORM in ${CONFIG_FILE} if that is wrong.`,
    });
  }
  if (configured) {
    const suggestion = config.mode === 'hybrid' ? rangeSuggestion(finding.language, owners) : '';
    warnings.push({
      code: 'unconfigured-workspace',
      message: `${where} uses ${finding.orm}, but no workspace in ${CONFIG_FILE} points to it; add stack.workspaces.${name} with "path": "${where}"${suggestion}.`,
    });
  }
  const info = ormInfo(finding.orm);
  return {
    name,
    language: finding.language,
    orm: finding.orm,
    migrationTool: info.migrationTool,
    migrationsDir: finding.migrationsDir,
    range: null,
    source: 'filesystem',
    evidence: finding.evidence,
    path: where,
    prefix: null,
    supported: info.supported,
  };
}

function migrationsDirFor(
  orm: string | null,
  info: OrmInfo | null,
  finding: Finding | undefined,
  dir: string | undefined,
): string | null {
  if (orm === null) return 'supabase/migrations';
  if (finding?.orm === orm) return finding.migrationsDir;
  if (dir !== undefined && info?.defaultMigrationsDir) return joinRel(dir, info.defaultMigrationsDir);
  return null;
}

/** ` and a serviceRange such as 00100-00199` when the language default is still free. */
function rangeSuggestion(language: string, owners: RangeOwner[]): string {
  const range = defaultRangeForLanguage(language);
  const taken = (r: { start: string; end: string }) =>
    owners.some(
      (o) =>
        o.workspace !== 'shared' &&
        BigInt(o.range.start) <= BigInt(r.end) &&
        BigInt(r.start) <= BigInt(o.range.end),
    );
  return range && !taken(range) ? ` and serviceRange ${fmt(range)}` : ' and a free serviceRange';
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}
