// The registry of stand-ins: pure-SQL extensions, installed on PGlite, for Supabase extensions PGlite lacks.

import dblink from './sql/dblink.sql';
import http from './sql/http.sql';
import hypopg from './sql/hypopg.sql';
import indexAdvisor from './sql/index_advisor.sql';
import moddatetime from './sql/moddatetime.sql';
import pgCron from './sql/pg_cron.sql';
import pgGraphql from './sql/pg_graphql.sql';
import pgJsonschema from './sql/pg_jsonschema.sql';
import pgNet from './sql/pg_net.sql';
import pgRepack from './sql/pg_repack.sql';
import pgStatStatements from './sql/pg_stat_statements.sql';
import pgaudit from './sql/pgaudit.sql';
import pgjwt from './sql/pgjwt.sql';
import pgmq from './sql/pgmq.sql';
import pgsodium from './sql/pgsodium.sql';
import plpgsqlCheck from './sql/plpgsql_check.sql';
import supabaseVault from './sql/supabase_vault.sql';
import timescaledb from './sql/timescaledb.sql';
import wrappers from './sql/wrappers.sql';

export interface StandIn {
  /** The extension's real name, as in CREATE EXTENSION. */
  name: string;
  version: string;
  /** The real extension's comment; the stand-in's comment starts with STANDIN_COMMENT_PREFIX. */
  comment: string;
  /** As in the real control file: WITH SCHEMA must name this schema, which CREATE EXTENSION creates. */
  schema?: string;
  relocatable: boolean;
  requires?: string[];
  /** The install script; `@extschema@` works as in any extension script. */
  sql: string;
}

/** How `listStandInsUsed` tells a stand-in from a real extension: by its pg_extension comment. */
export const STANDIN_COMMENT_PREFIX = 'kodo stand-in';

export const STANDINS = [
  {
    name: 'pg_cron',
    version: '1.6',
    comment: 'Job scheduler for PostgreSQL',
    // No schema in the control file: Supabase's supautils overrides CREATE EXTENSION's schema for pg_cron
    // (`extensions_parameter_overrides = {"pg_cron":{"schema":"pg_catalog"}}`), so `with schema extensions`
    // works there and lands in pg_catalog; the script moves itself there too.
    relocatable: false,
    sql: pgCron,
  },
  { name: 'pg_net', version: '0.19.5', comment: 'Async HTTP', relocatable: false, sql: pgNet },
  {
    name: 'pgmq',
    version: '1.4.4',
    comment: 'A lightweight message queue. Like AWS SQS and RSMQ but on Postgres.',
    schema: 'pgmq',
    relocatable: false,
    sql: pgmq,
  },
  {
    name: 'supabase_vault',
    version: '0.3.1',
    comment: 'Supabase Vault Extension',
    schema: 'vault',
    relocatable: false,
    sql: supabaseVault,
  },
  {
    name: 'http',
    version: '1.6',
    comment: 'HTTP client for PostgreSQL, allows web page retrieval inside the database.',
    relocatable: false,
    sql: http,
  },
  {
    name: 'pg_graphql',
    version: '1.5.11',
    comment: 'pg_graphql: GraphQL support',
    schema: 'graphql',
    relocatable: false,
    sql: pgGraphql,
  },
  {
    name: 'pgjwt',
    version: '0.2.0',
    comment: 'JSON Web Token API for Postgresql',
    relocatable: false,
    requires: ['pgcrypto'],
    sql: pgjwt,
  },
  {
    name: 'wrappers',
    version: '0.5.0',
    comment: 'Foreign data wrappers developed by Supabase',
    relocatable: false,
    sql: wrappers,
  },
  {
    name: 'pgsodium',
    version: '3.1.8',
    comment: 'Postgres extension for libsodium functions',
    schema: 'pgsodium',
    relocatable: false,
    sql: pgsodium,
  },
  {
    name: 'pg_stat_statements',
    version: '1.11',
    comment: 'track planning and execution statistics of all SQL statements executed',
    relocatable: true,
    sql: pgStatStatements,
  },
  {
    name: 'pg_jsonschema',
    version: '0.3.3',
    comment: 'pg_jsonschema',
    relocatable: false,
    sql: pgJsonschema,
  },
  {
    name: 'pgaudit',
    version: '17.0',
    comment: 'provides auditing functionality',
    relocatable: false,
    sql: pgaudit,
  },
  {
    name: 'plpgsql_check',
    version: '2.7',
    comment: 'extended check for plpgsql functions',
    relocatable: false,
    sql: plpgsqlCheck,
  },
  {
    name: 'hypopg',
    version: '1.4.1',
    comment: 'Hypothetical indexes for PostgreSQL',
    relocatable: false,
    sql: hypopg,
  },
  {
    name: 'index_advisor',
    version: '0.2.0',
    comment: 'Query index advisor',
    relocatable: false,
    requires: ['hypopg'],
    sql: indexAdvisor,
  },
  {
    name: 'pg_repack',
    version: '1.5.2',
    comment: 'Reorganize tables in PostgreSQL databases with minimal locks',
    relocatable: false,
    sql: pgRepack,
  },
  {
    name: 'dblink',
    version: '1.2',
    comment: 'connect to other PostgreSQL databases from within a database',
    relocatable: false,
    sql: dblink,
  },
  {
    name: 'moddatetime',
    version: '1.0',
    comment: 'functions for tracking last modification time',
    relocatable: true,
    sql: moddatetime,
  },
  {
    name: 'timescaledb',
    version: '2.16.1',
    // Supabase builds the Apache-licensed edition (nix/ext/timescaledb.nix in supabase/postgres: -DAPACHE_ONLY=1).
    comment: 'Enables scalable inserts and complex queries for time-series data (Apache 2 Edition)',
    // As in the real control file: no schema (WITH SCHEMA chooses it), not relocatable once installed.
    relocatable: false,
    sql: timescaledb,
  },
] as const satisfies readonly StandIn[];

/**
 * Stand-ins installed in every new embedded database, because Supabase projects have them enabled from the start:
 * migrations call `vault.create_secret(...)` without creating the extension first.
 */
export const PREINSTALLED_STANDINS: readonly { name: string; schema?: string }[] = [
  { name: 'pg_graphql' },
  { name: 'supabase_vault' },
  { name: 'pg_stat_statements', schema: 'extensions' },
];

/** The control file PostgreSQL reads for a stand-in. */
export function controlFile(s: StandIn): string {
  const lines = [
    `# Generated by kodo (src/db/standins/registry.ts): a stand-in for ${s.name}.`,
    `comment = '${STANDIN_COMMENT_PREFIX} for ${s.name}: ${s.comment.replaceAll("'", "''")}'`,
    `default_version = '${s.version}'`,
    `relocatable = ${s.relocatable}`,
    'superuser = true',
  ];
  if (s.schema) lines.push(`schema = '${s.schema}'`);
  if (s.requires?.length) lines.push(`requires = '${s.requires.join(', ')}'`);
  return `${lines.join('\n')}\n`;
}
