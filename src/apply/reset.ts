// `kodo reset` / `reset_database`: the `supabase db reset` of kodo. Rebuilds a development database from nothing,
// applies every migration exactly as `kodo up` does (one transaction per file, recorded in the CLI's history
// table), then the seed files.
//
// - embedded (default): `.kodo/db` is replaced, under its lock, by a new database from kodo's snapshot (extracted
//   beside it and swapped in by rename, so a failure never leaves half a database). No consent: it is the
//   user's local development database, as the local stack is for `supabase db reset`.
// - memory: a fresh throwaway (harmless, and useful to see that everything applies).
// - a server: only the Supabase local stack (`local`, or 127.0.0.1/localhost/::1 at its port), and only with an
//   approved plan (CLI --yes or a prompt, MCP the planId of a dry run). Without Docker kodo cannot recreate the
//   stack's container as the Supabase CLI does; it empties the database as the CLI does for `db reset --db-url`
//   (see WIPE_SQL), then replays.
import path from 'node:path';
import { DEFAULT_LOCK_TIMEOUT, durationMs } from '../config/schema.js';
import { KodoError } from '../core/errors.js';
import { exists } from '../core/fs.js';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { EMBEDDED_DIR, openEmbeddedDatabase, openMemoryDatabase } from '../db/pglite.js';
import { cachedState } from '../db/prefix-cache/index.js';
import { isLocalStack, LOCAL_PORT, parseDatabaseSpec } from '../db/spec.js';
import { listStandInsUsed } from '../db/standins/index.js';
import type { LoadedMigration } from '../migrations/read.js';
import { type Project, projectOf } from '../project/project.js';
import { applySeeds, type LoadedSeed } from '../project/seeds.js';
import { localStackPort } from '../project/supabase-config.js';
import { applyFile } from './apply-file.js';
import { cancelRequested } from './cancel.js';
import type { ApplyFailure } from './failure.js';
import { createHistoryTable } from './history.js';
import { withMigrationLock } from './lock.js';
import { planIdFor } from './plan-id.js';
import { prepareServer, type ShimReport } from './platform.js';

export interface ResetOptions {
  root: string;
  project?: Project;
  /** `embedded` (default), `memory`, `local` or a URL of the local stack. */
  db?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** False: migrations only (`--no-seed`). */
  seed?: boolean;
  /** Only the plan (and its planId): nothing is dropped or applied. */
  dryRun?: boolean;
  /** The planId of the dry run the user approved (needed for a server). */
  planId?: string | undefined;
  /** Asked to approve the plan for a server when no planId was given (the CLI's --yes or prompt). */
  confirm?: (plan: ResetPlan) => Promise<boolean>;
  /** Before each file, migrations then seeds: 1-based number, total, file. */
  onProgress?: (
    done: number,
    total: number,
    file: string,
    phase: 'migration' | 'seed',
  ) => void | Promise<void>;
  onWait?: () => void;
  signal?: AbortSignal | undefined;
  lockTimeoutMs?: number;
}

export interface ResetPlan {
  target: string;
  planId: string;
  /** What is dropped, in words. */
  drops: string;
  files: Array<{ version: string; file: string }>;
  seeds: string[];
}

export interface ResetResult {
  target: string;
  dryRun: boolean;
  /** Versions applied, in order. */
  applied: string[];
  /** Seed files applied, in order. */
  seeded: string[];
  /** The first failure, a migration's or a seed's (a seed's has version ""); nothing ran after it. */
  failure: ApplyFailure | null;
  /** "migration" or "seed" when there is a failure. */
  failedPhase: 'migration' | 'seed' | null;
  planId: string;
  plan: Array<{ version: string; file: string }>;
  /** The seed files the plan runs (empty with seed: false). */
  seeds: string[];
  /** What was (or, on a dry run, would be) dropped. */
  dropped: string;
  cancelled: boolean;
  shim: ShimReport | null;
  /** Of `applied`, how many came with a state `kodo check` cached instead of being replayed. */
  cached: number;
  standIns: string[];
  warnings: string[];
}

const EMBEDDED_SHOWN = EMBEDDED_DIR.split(path.sep).join('/');
const EMBEDDED_LABEL = `embedded (${EMBEDDED_SHOWN})`;

export async function resetDatabase(opts: ResetOptions): Promise<ResetResult> {
  const project = projectOf(opts.project ?? opts.root);
  const env = opts.env ?? process.env;
  const target = parseDatabaseSpec(opts.db, env, opts.root);
  const migrations = project.migrations();
  const { listing, loaded } = opts.seed === false ? { listing: null, loaded: [] } : project.seeds();
  const seeds: LoadedSeed[] = loaded;
  const label =
    target.kind === 'embedded' ? EMBEDDED_LABEL : target.kind === 'memory' ? 'memory' : target.label;
  if (target.kind === 'postgres' && !isLocalStack(target, opts.root)) {
    const port = localStackPort(opts.root) ?? LOCAL_PORT;
    throw new KodoError(
      'reset-refused',
      `kodo reset rebuilds only a development database: the embedded one (default), memory, or the Supabase local stack (--db local, or a server on 127.0.0.1, localhost or ::1 at port ${port}); ${label} is none of them. To change another database, apply migrations with kodo up.`,
    );
  }
  const embeddedExists =
    target.kind === 'embedded' && (await exists(path.join(opts.root, EMBEDDED_DIR, 'PG_VERSION')));
  const drops =
    target.kind === 'embedded' && !embeddedExists
      ? `nothing (${EMBEDDED_SHOWN} does not exist yet: it is created)`
      : target.kind === 'embedded'
        ? `the embedded database in ${EMBEDDED_SHOWN}: every schema, table and row it holds`
        : target.kind === 'memory'
          ? 'nothing (a new in-memory database)'
          : 'every extension and schema your migrations created (Supabase platform schemas such as auth and storage are kept), everything in public, every policy and non-realtime publication, and the rows of auth, storage, vault, supabase_functions and supabase_migrations (the migration history)';
  const plan: ResetPlan = {
    target: label,
    planId: planIdFor(`reset ${label}`, [...migrations, ...seeds]),
    drops,
    files: migrations.map((m) => ({ version: m.version, file: m.file })),
    seeds: seeds.map((s) => s.file),
  };
  const result: ResetResult = {
    target: label,
    dryRun: opts.dryRun ?? false,
    applied: [],
    seeded: [],
    failure: null,
    failedPhase: null,
    planId: plan.planId,
    plan: plan.files,
    seeds: plan.seeds,
    dropped: drops,
    cancelled: false,
    shim: null,
    cached: 0,
    standIns: [],
    warnings: [...project.folder().warnings.map((w) => w.message), ...(listing?.warnings ?? [])],
  };
  if (opts.planId !== undefined && opts.planId !== plan.planId) {
    throw new KodoError(
      'plan-changed',
      `The migrations, the seeds or the target changed since the reset plan was approved (target ${label}); run a new dry run and review it.`,
    );
  }
  if (result.dryRun) return result;
  if (target.kind === 'postgres' && opts.planId === undefined) {
    if (!opts.confirm) {
      throw new KodoError(
        'approval-required',
        `Resetting ${label} drops ${drops}; it needs approval: run a dry run, show its plan to the user, and reset with the planId of the plan they approved.`,
      );
    }
    if (!(await opts.confirm(plan))) return { ...result, cancelled: true };
  }

  const lockTimeoutMs = opts.lockTimeoutMs;
  // The state `kodo check` cached for a prefix of these files is exactly what replaying them gives (same snapshot,
  // same apply, same history rows): the embedded database starts from it and only the rest is applied.
  const cached = target.kind === 'embedded' ? await cachedState(migrations, env).catch(() => null) : null;
  const db =
    target.kind === 'embedded'
      ? await openEmbeddedDatabase(opts.root, {
          env,
          fresh: true,
          freshFrom: cached?.tar,
          ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }),
        })
      : target.kind === 'memory'
        ? await openMemoryDatabase('memory', { env })
        : await openDatabase(opts.db, {
            root: opts.root,
            env,
            // Dropping waits for every session that holds a lock on what it drops: fail fast instead, as up does.
            serverLockTimeoutMs: durationMs((await project.config()).lockTimeout ?? DEFAULT_LOCK_TIMEOUT),
          });
  try {
    if (db.kind === 'postgres') {
      await withMigrationLock(db, () => rebuildServer(db, migrations, seeds, result, opts), {
        ...(opts.onWait ? { onWait: opts.onWait } : {}),
      });
    } else {
      if (cached) {
        result.applied.push(...migrations.slice(0, cached.prefix).map((m) => m.version));
        result.warnings.push(...cached.warnings);
        result.cached = cached.prefix;
      }
      await replay(db, migrations.slice(cached?.prefix ?? 0), seeds, result, opts, cached?.prefix ?? 0);
      result.standIns = await listStandInsUsed(db);
    }
    return result;
  } finally {
    await db.close();
  }
}

async function rebuildServer(
  db: Database,
  migrations: LoadedMigration[],
  seeds: LoadedSeed[],
  result: ResetResult,
  opts: ResetOptions,
): Promise<void> {
  await db.exec(WIPE_SQL);
  result.shim = await prepareServer(db, false);
  await replay(db, migrations, seeds, result, opts, 0);
}

/** Every migration as `kodo up` applies it, then the seeds; stops at the first failure. */
async function replay(
  db: Database,
  migrations: LoadedMigration[],
  seeds: LoadedSeed[],
  result: ResetResult,
  opts: ResetOptions,
  /** Files before `migrations` that the database already holds (a cached state). */
  done: number,
): Promise<void> {
  const total = done + migrations.length + seeds.length;
  await createHistoryTable(db);
  for (const [i, migration] of migrations.entries()) {
    if (await cancelRequested(opts.signal)) {
      result.cancelled = true;
      return;
    }
    await opts.onProgress?.(done + i + 1, total, migration.file, 'migration');
    const outcome = await applyFile(db, migration);
    result.warnings.push(...outcome.warnings);
    if (outcome.failure) {
      result.failure = outcome.failure;
      result.failedPhase = 'migration';
      return;
    }
    result.applied.push(migration.version);
  }
  if (seeds.length === 0) return;
  if (await cancelRequested(opts.signal)) {
    result.cancelled = true;
    return;
  }
  const seeded = await applySeeds(db, seeds, {
    root: opts.root,
    onFile: (n, _total, file) => opts.onProgress?.(done + migrations.length + n, total, file, 'seed'),
  });
  result.seeded = seeded.seeded;
  result.warnings.push(...seeded.warnings);
  if (seeded.failure) {
    result.failure = seeded.failure;
    result.failedPhase = 'seed';
  }
}

/**
 * Empties the local stack's database for a replay, in one statement (so all or nothing). Modelled on what the
 * Supabase CLI runs for `db reset` on a database it cannot recreate (pkg/migration/queries/drop.sql), written here
 * for kodo, plus what its container rebuild also clears: the schemas migrations created, and the rows of storage
 * and vault. Platform schemas (auth, storage, realtime, extensions, vault, …) and their tables are kept, and so
 * are the extensions a Supabase database starts with and the schemas extensions own. Roles are cluster-wide and
 * stay, as with the CLI.
 */
export const WIPE_SQL = `
do $kodo_reset$
declare
  rec record;
begin
  -- Extensions migrations added (a Supabase database starts with these).
  for rec in
    select e.extname from pg_catalog.pg_extension e
    where e.extname not in ('plpgsql', 'pgcrypto', 'uuid-ossp', 'pg_stat_statements', 'pg_graphql', 'pg_net',
                            'pgjwt', 'pgsodium', 'supabase_vault')
  loop
    execute format('drop extension if exists %I cascade', rec.extname);
  end loop;

  -- Schemas migrations created: not Postgres's, not Supabase's, not an extension's.
  for rec in
    select n.nspname from pg_catalog.pg_namespace n
    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
      and n.nspname not in ('public', 'auth', 'storage', 'realtime', '_realtime', 'extensions', 'graphql',
                            'graphql_public', 'vault', 'pgsodium', 'pgsodium_masks', 'net', 'cron', 'pgmq',
                            'pgbouncer', 'supabase_functions', 'supabase_migrations', '_analytics', '_supavisor',
                            'pgtle', 'repack', 'topology', 'tiger', 'tiger_data', 'kodo_standins')
      and not exists (select from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')
  loop
    execute format('drop schema if exists %I cascade', rec.nspname);
  end loop;

  -- Everything in public, the schema itself kept (with its grants and default privileges).
  for rec in
    select p.oid::regprocedure::text as sig, p.prokind from pg_catalog.pg_proc p
    where p.pronamespace = 'public'::regnamespace
      and not exists (select from pg_catalog.pg_depend d where d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('drop routine if exists %s cascade', rec.sig);
  end loop;
  for rec in
    select c.relname, c.relkind from pg_catalog.pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm', 'r', 'p', 'f', 'S')
      and not exists (select from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype in ('e', 'i', 'a'))
    order by case c.relkind when 'v' then 0 when 'm' then 1 when 'S' then 3 else 2 end
  loop
    execute format(
      case rec.relkind when 'v' then 'drop view if exists public.%I cascade'
                       when 'm' then 'drop materialized view if exists public.%I cascade'
                       when 'f' then 'drop foreign table if exists public.%I cascade'
                       when 'S' then 'drop sequence if exists public.%I cascade'
                       else 'drop table if exists public.%I cascade' end,
      rec.relname);
  end loop;
  for rec in
    select t.typname from pg_catalog.pg_type t
    where t.typnamespace = 'public'::regnamespace and t.typtype in ('c', 'd', 'e', 'r', 'm')
      and not exists (select from pg_catalog.pg_class c where c.oid = t.typrelid and c.relkind <> 'c')
      and not exists (select from pg_catalog.pg_depend d where d.objid = t.oid and d.deptype = 'e')
  loop
    execute format('drop type if exists public.%I cascade', rec.typname);
  end loop;

  -- The rows migrations and seeds wrote into platform tables, and the history.
  for rec in
    select n.nspname, c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p')
      and ((n.nspname in ('auth', 'storage', 'supabase_functions') and c.relname not in ('schema_migrations', 'migrations'))
           or n.nspname in ('supabase_migrations', 'vault'))
  loop
    execute format('truncate %I.%I cascade', rec.nspname, rec.relname);
  end loop;

  -- Policies and publications migrations created (those on platform tables too), not realtime's own.
  for rec in select schemaname, tablename, policyname from pg_catalog.pg_policies loop
    execute format('drop policy if exists %I on %I.%I', rec.policyname, rec.schemaname, rec.tablename);
  end loop;
  for rec in
    select pubname from pg_catalog.pg_publication
    where pubname not like 'supabase_realtime%' and pubname not like 'realtime_messages%'
  loop
    execute format('drop publication if exists %I', rec.pubname);
  end loop;
end
$kodo_reset$`;
