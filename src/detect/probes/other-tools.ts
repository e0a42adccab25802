// Tools kodo recognises but cannot sync yet: Prisma, TypeORM, Knex, MikroORM, Kysely, goose, golang-migrate,
// dbmate and Flyway, found by their config files and manifests.
import { baseOf, dirOf, joinRel, NONE, type ProbeContext, type ProbeResult, type Signal } from '../signal.js';

/** Config-file name prefix → ORM id; the file itself is the evidence. */
const CONFIG_FILES: [prefix: string, orm: string, what: string][] = [
  ['prisma.config.', 'prisma', 'Prisma config'],
  ['knexfile.', 'knex', 'Knex config'],
  ['ormconfig.', 'typeorm', 'TypeORM config'],
  ['mikro-orm.config.', 'mikro-orm', 'MikroORM config'],
  ['kysely.config.', 'kysely', 'kysely-ctl config'],
  ['flyway.', 'flyway', 'Flyway config'],
];

/** go.mod module path → ORM id. */
const GO_MODULES: [pattern: RegExp, orm: string][] = [
  [/^github\.com\/pressly\/goose(\/v\d+)?$/, 'goose'],
  [/^github\.com\/golang-migrate\/migrate(\/v\d+)?$/, 'golang-migrate'],
  [/^github\.com\/amacneil\/dbmate(\/v\d+)?$/, 'dbmate'],
];
const FLYWAY_BUILD = /\b(flyway-core|flyway-database-postgresql|org\.flywaydb)\b/;

export async function probePrismaSchema(rel: string): Promise<ProbeResult> {
  const schemaDir = dirOf(rel);
  // The usual place is <service>/prisma/schema.prisma; the service is the folder above `prisma/`.
  const dir = baseOf(schemaDir) === 'prisma' ? dirOf(schemaDir) : schemaDir;
  return one({
    dir,
    orm: 'prisma',
    evidence: `${rel}: Prisma schema`,
    strong: true,
    migrationsDir: joinRel(schemaDir, 'migrations'),
  });
}

export async function probeConfigFile(rel: string): Promise<ProbeResult> {
  const name = baseOf(rel);
  const match = CONFIG_FILES.find(([prefix]) => name.startsWith(prefix));
  if (!match) return NONE;
  const [, orm, what] = match;
  const language = /\.[mc]?ts$/.test(name) ? { language: 'typescript' } : {};
  return one({ dir: dirOf(rel), orm, evidence: `${rel}: ${what}`, strong: true, ...language });
}

export async function probeGoMod(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  if (text === undefined) return NONE;
  const signals: Signal[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.includes('// indirect')) continue;
    const m = /^\s*(?:require\s+)?(\S+)\s+(v\S+)/.exec(line);
    if (!m) continue;
    const orm = GO_MODULES.find(([pattern]) => pattern.test(m[1]!))?.[1];
    if (orm) signals.push({ dir: dirOf(rel), orm, evidence: `${rel}: ${m[1]} ${m[2]}`, strong: false });
  }
  return { signals, warnings: [] };
}

/** pom.xml and build.gradle(.kts): the Flyway dependency or plugin. */
export async function probeJvmBuild(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  const m = text === undefined ? null : FLYWAY_BUILD.exec(text);
  if (!m) return NONE;
  return one({ dir: dirOf(rel), orm: 'flyway', evidence: `${rel}: ${m[1]}`, strong: false });
}

function one(signal: Signal): ProbeResult {
  return { signals: [signal], warnings: [] };
}
