// Turns probe signals into services: one per folder, with every ORM found there, its evidence and its folders.
import path from 'node:path';
import { ormInfo, ormRank } from './orms.js';
import { baseOf, dirOf, isWithin, joinRel, type ProbeContext, type Signal } from './signal.js';

export interface Finding {
  orm: string;
  language: string;
  migrationTool: string;
  /** Relative to the project root; null when the tool keeps migrations in no single folder. */
  migrationsDir: string | null;
  evidence: string[];
  supported: boolean;
}

export interface DetectedService {
  /** Relative to the project root with forward slashes; '' for the root. */
  dir: string;
  /** The folder's name, made unique and usable as a config workspace name. */
  name: string;
  /** Never empty; supported ORMs first, then the catalog's priority order. */
  findings: Finding[];
}

/**
 * Groups signals by folder and ORM. A folder whose only evidence is dependency declarations is dropped
 * when a folder below it shows the same ORM: that is a monorepo root hoisting its services' dependencies.
 */
export async function buildServices(
  root: string,
  signals: Signal[],
  journals: string[],
  ctx: ProbeContext,
): Promise<DetectedService[]> {
  const groups = new Map<string, Signal[]>();
  for (const s of signals) {
    const key = `${s.dir}\0${s.orm}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const all = [...groups.values()];
  const kept = all.filter(
    (group) =>
      group.some((s) => s.strong) ||
      !all.some((other) => {
        const [a, b] = [group[0]!, other[0]!];
        return other !== group && a.orm === b.orm && b.dir !== a.dir && isWithin(b.dir, a.dir);
      }),
  );
  const drizzleDirs = kept.filter((g) => g[0]!.orm === 'drizzle').map((g) => g[0]!.dir);

  const byDir = new Map<string, Finding[]>();
  for (const group of kept) {
    const { dir, orm } = group[0]!;
    // Journals of a service nested below this one belong to that service.
    const ownJournals = journals.filter(
      (j) => isWithin(j, dir) && !drizzleDirs.some((d) => d !== dir && isWithin(d, dir) && isWithin(j, d)),
    );
    const finding = await toFinding(group, orm === 'drizzle' ? ownJournals : [], ctx);
    byDir.set(dir, [...(byDir.get(dir) ?? []), finding]);
  }
  const dirs = [...byDir.keys()].sort();
  const names = uniqueNames(dirs, root);
  return dirs.map((dir, i) => ({
    dir,
    name: names[i]!,
    findings: byDir.get(dir)!.sort((a, b) => rankOf(a) - rankOf(b)),
  }));
}

function rankOf(f: Finding): number {
  return (f.supported ? 0 : 1000) + ormRank(f.orm);
}

async function toFinding(group: Signal[], journals: string[], ctx: ProbeContext): Promise<Finding> {
  const { dir, orm } = group[0]!;
  const info = ormInfo(orm);
  const evidence = group.map((s) => s.evidence);
  const declared = (group.find((s) => s.strong && s.migrationsDir) ?? group.find((s) => s.migrationsDir))
    ?.migrationsDir;
  let migrationsDir = declared ?? null;
  if (journals.length > 0) {
    // drizzle-kit 0.x keeps <out>/meta/_journal.json: it confirms a literal `out`, or finds a computed one.
    const outOf = (j: string) => dirOf(dirOf(j));
    const journal = declared === undefined ? journals[0] : journals.find((j) => outOf(j) === declared);
    if (journal) {
      migrationsDir = outOf(journal);
      evidence.push(`${journal}: ${await journalSummary(journal, ctx)}`);
    }
  }
  if (migrationsDir === null && info.defaultMigrationsDir !== null) {
    migrationsDir = joinRel(dir, info.defaultMigrationsDir);
  }
  return {
    orm,
    language: await languageOf(group, info.family, info.language, dir, ctx),
    migrationTool: info.migrationTool,
    migrationsDir,
    evidence,
    supported: info.supported,
  };
}

async function languageOf(
  group: Signal[],
  family: string,
  fallback: string,
  dir: string,
  ctx: ProbeContext,
): Promise<string> {
  if (group.some((s) => s.language === 'typescript')) return 'typescript';
  if (family !== 'node' && !group.some((s) => s.language === 'node')) return fallback;
  return (await ctx.exists(joinRel(dir, 'tsconfig.json'))) ? 'typescript' : 'javascript';
}

async function journalSummary(journal: string, ctx: ProbeContext): Promise<string> {
  const text = await ctx.read(journal);
  try {
    const entries = (JSON.parse(text ?? '') as { entries?: unknown }).entries;
    if (Array.isArray(entries)) return `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`;
  } catch {
    // Fall through: the file still shows where migrations live.
  }
  return 'drizzle-kit journal';
}

/** Folder names, sanitised to the config's workspace-name grammar; clashes get their full path. */
function uniqueNames(dirs: string[], root: string): string[] {
  const clean = (s: string) =>
    s
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .replace(/-+$/, '') || 'project';
  const short = dirs.map((d) => clean(d === '' ? path.basename(path.resolve(root)) : baseOf(d)));
  return short.map((name, i) =>
    short.indexOf(name) === short.lastIndexOf(name) ? name : clean(dirs[i]!.replace(/\//g, '-')),
  );
}
