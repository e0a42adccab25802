// The ORMs and migration tools kodo recognises: which language, which tool, where migrations live by default.
import { own } from '../core/own.js';

export type LanguageFamily = 'node' | 'python' | 'rust' | 'go' | 'java';

export interface OrmInfo {
  /** The name used in `.kodo/config.json` and in detect output. */
  id: string;
  family: LanguageFamily;
  /** The language reported when files do not say more (node ORMs become `typescript` or `javascript`). */
  language: string;
  migrationTool: string;
  /** Default folder relative to the service folder; null when the tool has no single folder. */
  defaultMigrationsDir: string | null;
  /** True when kodo can sync its migrations; the others are detected and reported as not yet supported. */
  supported: boolean;
  /** Other names a config may use for the same ORM. */
  aliases: string[];
}

/** In priority order: when one folder shows several, the first one wins unless the config says otherwise. */
export const ORMS: readonly OrmInfo[] = [
  orm('drizzle', 'node', 'drizzle-kit', 'drizzle', true, ['drizzle-orm', 'drizzle-kit']),
  orm('sqlalchemy', 'python', 'alembic', 'alembic/versions', true, ['alembic', 'sqlmodel', 'flask-migrate']),
  orm('sqlx', 'rust', 'sqlx-cli', 'migrations', true, ['sqlx-cli']),
  orm('prisma', 'node', 'prisma', 'prisma/migrations', false, []),
  orm('typeorm', 'node', 'typeorm', null, false, []),
  orm('mikro-orm', 'node', 'mikro-orm', 'migrations', false, ['mikroorm']),
  orm('sequelize', 'node', 'sequelize-cli', 'migrations', false, []),
  orm('knex', 'node', 'knex', 'migrations', false, []),
  orm('kysely', 'node', 'kysely-ctl', 'migrations', false, []),
  orm('node-pg-migrate', 'node', 'node-pg-migrate', 'migrations', false, []),
  orm('django', 'python', 'django', null, false, []),
  orm('diesel', 'rust', 'diesel', 'migrations', false, []),
  orm('sea-orm', 'rust', 'sea-orm-cli', 'migration', false, ['seaorm']),
  orm('goose', 'go', 'goose', null, false, []),
  orm('golang-migrate', 'go', 'migrate', null, false, ['migrate']),
  orm('dbmate', 'go', 'dbmate', 'db/migrations', false, []),
  orm('flyway', 'java', 'flyway', 'src/main/resources/db/migration', false, []),
];

function orm(
  id: string,
  family: LanguageFamily,
  migrationTool: string,
  defaultMigrationsDir: string | null,
  supported: boolean,
  aliases: string[],
): OrmInfo {
  const language = { node: 'typescript', python: 'python', rust: 'rust', go: 'go', java: 'java' }[family];
  return { id, family, language, migrationTool, defaultMigrationsDir, supported, aliases };
}

const BY_NAME = new Map<string, OrmInfo>();
for (const info of ORMS) {
  BY_NAME.set(info.id, info);
  for (const alias of info.aliases) BY_NAME.set(alias, info);
}

/** The catalog entry for a config's `orm.name`, case-insensitively, aliases included. */
export function findOrm(name: string): OrmInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function ormInfo(id: string): OrmInfo {
  const info = BY_NAME.get(id);
  if (!info) throw new Error(`Unknown ORM id "${id}".`);
  return info;
}

/** Rank in the priority order above (unknown names last). */
export function ormRank(id: string): number {
  const i = ORMS.findIndex((o) => o.id === id);
  return i === -1 ? ORMS.length : i;
}

const LANGUAGE_FAMILIES: Record<string, LanguageFamily> = {
  typescript: 'node',
  javascript: 'node',
  ts: 'node',
  js: 'node',
  node: 'node',
  python: 'python',
  rust: 'rust',
  go: 'go',
  java: 'java',
  kotlin: 'java',
};

/** `typescript` and `javascript` are one family: they share the node range and prefix. */
export function languageFamily(language: string): LanguageFamily | undefined {
  return own(LANGUAGE_FAMILIES, language.toLowerCase());
}
