// Rust crates: sqlx (plus its migrate! macro and sqlx.toml), diesel and SeaORM in Cargo.toml.
import { own } from '../../core/own.js';
import {
  dirOf,
  joinRel,
  NONE,
  type ProbeContext,
  type ProbeResult,
  type Signal,
  unparsable,
} from '../signal.js';
import { isTable, parseToml, type TomlTable, type TomlValue, tomlGet } from '../toml.js';

/** Crate name → ORM id. */
const RUST_CRATES: Record<string, string> = {
  sqlx: 'sqlx',
  diesel: 'diesel',
  'sea-orm': 'sea-orm',
  'sea-orm-migration': 'sea-orm',
};
const DEPENDENCY_TABLES = ['dependencies', 'dev-dependencies', 'build-dependencies'];
const NON_POSTGRES = ['mysql', 'sqlite'];
/** `sqlx::migrate!()` or `sqlx::migrate!("db/migrations")`; the default folder is `migrations`. */
const MIGRATE_MACRO = /\bmigrate!\s*\(\s*(?:"([^"]*)")?\s*\)/;
const ENTRY_FILES = ['src/main.rs', 'src/lib.rs'];

interface Declaration {
  crate: string;
  entry: TomlValue;
  /** Where it was declared, for the evidence line. */
  where: 'package' | 'workspace';
}

export async function probeCargoToml(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  if (text === undefined) return NONE;
  let doc: TomlTable;
  try {
    doc = parseToml(text);
  } catch (e) {
    return unparsable(rel, e);
  }
  const dir = dirOf(rel);
  const signals: Signal[] = [];
  const warnings: ProbeResult['warnings'] = [];
  const seen = new Set<string>();
  for (const { crate, entry, where } of declarations(doc)) {
    const orm = own(RUST_CRATES, crate)!;
    if (seen.has(`${crate}:${where}`)) continue;
    seen.add(`${crate}:${where}`);
    const features = featuresOf(entry);
    signals.push({ dir, orm, evidence: `${rel}: ${describe(crate, entry, where, features)}`, strong: false });
    if (
      crate === 'sqlx' &&
      features &&
      !features.includes('postgres') &&
      NON_POSTGRES.some((f) => features.includes(f))
    ) {
      warnings.push({
        code: 'non-postgres-dialect',
        message: `${rel} enables sqlx for ${NON_POSTGRES.filter((f) => features.includes(f)).join(' and ')} without the "postgres" feature; add "postgres" to its features to use it with Supabase.`,
      });
    }
  }
  if (signals.some((s) => s.orm === 'sqlx') && isTable(doc['package'])) {
    signals.push(...(await sqlxFolderSignals(dir, ctx)));
  }
  return { signals, warnings };
}

/** diesel.toml's `[migrations_directory] dir` (default `migrations`). */
export async function probeDieselToml(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  if (text === undefined) return NONE;
  let folder: string | undefined;
  try {
    const value = tomlGet(parseToml(text), 'migrations_directory', 'dir');
    folder = typeof value === 'string' ? value : undefined;
  } catch (e) {
    return unparsable(rel, e);
  }
  const dir = dirOf(rel);
  return {
    signals: [
      {
        dir,
        orm: 'diesel',
        evidence: `${rel}: diesel config${folder ? `, migrations in ${folder}` : ''}`,
        strong: true,
        migrationsDir: joinRel(dir, folder ?? 'migrations'),
      },
    ],
    warnings: [],
  };
}

function declarations(doc: TomlTable): Declaration[] {
  const tables: { table: TomlValue | undefined; where: Declaration['where'] }[] = [
    ...DEPENDENCY_TABLES.map((t) => ({ table: doc[t], where: 'package' as const })),
    { table: tomlGet(doc, 'workspace', 'dependencies'), where: 'workspace' },
  ];
  // [target.'cfg(unix)'.dependencies] and friends.
  const targets = doc['target'];
  if (isTable(targets)) {
    for (const target of Object.values(targets)) {
      if (isTable(target))
        for (const t of DEPENDENCY_TABLES) tables.push({ table: target[t], where: 'package' });
    }
  }
  const out: Declaration[] = [];
  for (const { table, where } of tables) {
    if (!isTable(table)) continue;
    for (const [key, entry] of Object.entries(table)) {
      // A renamed dependency: `db = { package = "sqlx", … }`.
      const renamed = isTable(entry) && typeof entry['package'] === 'string' ? entry['package'] : undefined;
      const crate = renamed ?? key;
      if (own(RUST_CRATES, crate)) out.push({ crate, entry, where });
    }
  }
  return out;
}

function featuresOf(entry: TomlValue): string[] | undefined {
  if (!isTable(entry) || !Array.isArray(entry['features'])) return undefined;
  return entry['features'].filter((f): f is string => typeof f === 'string');
}

/** `sqlx 0.8 (postgres)`, `sqlx (workspace = true)`, `sqlx 0.8 (postgres) in [workspace.dependencies]`. */
function describe(
  crate: string,
  entry: TomlValue,
  where: Declaration['where'],
  features: string[] | undefined,
): string {
  const inherited = isTable(entry) && entry['workspace'] === true;
  const version = typeof entry === 'string' ? entry : isTable(entry) ? entry['version'] : undefined;
  let text = crate;
  if (typeof version === 'string') text += ` ${version}`;
  if (inherited) text += ' (workspace = true)';
  else if (features?.includes('postgres')) text += ' (postgres)';
  if (where === 'workspace') text += ' in [workspace.dependencies]';
  return text;
}

/** Where a crate's sqlx migrations live: sqlx.toml (0.9), else the migrate! macro, else `migrations`. */
async function sqlxFolderSignals(dir: string, ctx: ProbeContext): Promise<Signal[]> {
  const configRel = joinRel(dir, 'sqlx.toml');
  const config = await ctx.read(configRel);
  if (config !== undefined) {
    try {
      const folder = tomlGet(parseToml(config), 'migrate', 'migrations-dir');
      if (typeof folder === 'string') {
        return [
          {
            dir,
            orm: 'sqlx',
            evidence: `${configRel}: migrations-dir = ${folder}`,
            strong: true,
            migrationsDir: joinRel(dir, folder),
          },
        ];
      }
    } catch {
      // A broken sqlx.toml breaks `cargo build` too; the macro search below still finds the folder.
    }
  }
  for (const file of ENTRY_FILES) {
    const rel = joinRel(dir, file);
    const source = await ctx.read(rel);
    const m = source === undefined ? null : MIGRATE_MACRO.exec(source);
    if (!m) continue;
    return [
      {
        dir,
        orm: 'sqlx',
        evidence: `${rel}: ${m[1] === undefined ? 'sqlx::migrate!()' : `sqlx::migrate!("${m[1]}")`}`,
        strong: true,
        migrationsDir: joinRel(dir, m[1] ?? 'migrations'),
      },
    ];
  }
  return [];
}
