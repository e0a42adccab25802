// package.json: ORM and migration-tool dependencies of a Node service.
import { own } from '../../core/own.js';
import { dirOf, NONE, type ProbeContext, type ProbeResult, type Signal, unparsable } from '../signal.js';

/** Dependency name → ORM id. */
const NODE_PACKAGES: Record<string, string> = {
  'drizzle-orm': 'drizzle',
  'drizzle-kit': 'drizzle',
  prisma: 'prisma',
  '@prisma/client': 'prisma',
  typeorm: 'typeorm',
  '@mikro-orm/core': 'mikro-orm',
  '@mikro-orm/migrations': 'mikro-orm',
  sequelize: 'sequelize',
  'sequelize-cli': 'sequelize',
  knex: 'knex',
  kysely: 'kysely',
  'kysely-ctl': 'kysely',
  'node-pg-migrate': 'node-pg-migrate',
  dbmate: 'dbmate',
};

// peerDependencies are left out: a library that merely supports an ORM does not run its migrations.
const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

export async function probePackageJson(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  if (text === undefined) return NONE;
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return unparsable(rel, e);
  }
  if (typeof json !== 'object' || json === null) return NONE;
  const deps = new Map<string, string>();
  for (const section of SECTIONS) {
    const table = (json as Record<string, unknown>)[section];
    if (typeof table !== 'object' || table === null) continue;
    for (const [name, version] of Object.entries(table)) {
      if (!deps.has(name)) deps.set(name, typeof version === 'string' ? version : '');
    }
  }
  const language = deps.has('typescript') ? 'typescript' : 'node';
  const dir = dirOf(rel);
  const signals: Signal[] = [];
  for (const [name, version] of deps) {
    const orm = own(NODE_PACKAGES, name);
    if (!orm) continue;
    signals.push({
      dir,
      orm,
      evidence: `${rel}: ${name}${version ? ` ${version}` : ''}`,
      strong: false,
      language,
    });
  }
  return { signals, warnings: [] };
}
