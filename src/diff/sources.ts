// The states a diff compares: `migrations` (supabase/migrations replayed on a throwaway database, through the one
// replay and its prefix cache), `schemas` (the declarative files run on a fresh embedded Supabase database),
// `embedded` (the dev database .kodo/db, as it is) or a Postgres URL (read only: a snapshot only selects).
import { openAppliedState } from '../apply/applied-state.js';
import { KodoError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { openMemoryDatabase } from '../db/pglite.js';
import { parseDatabaseSpec } from '../db/spec.js';
import type { Project } from '../project/project.js';
import { applySeeds } from '../project/seeds.js';

/** What names a database: embedded, local, a URL or a libpq key=value string (parseDatabaseSpec reads it). */
const DATABASE = /^(embedded|local|postgres(ql)?:\/\/.*|\S+=.*)$/is;

export interface StateSource {
  /** `migrations`, `schemas`, `embedded` or a URL (as given). */
  spec: string;
  db: Database;
  /** What to show: `supabase/migrations (12 files)`, `supabase/schemas (3 files)`, a database label (no password). */
  label: string;
  /** True when the database exists only for this run: the plan may be verified on it. */
  throwaway: boolean;
  close(): Promise<void>;
}

export interface SourceOptions {
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
  cache?: boolean;
}

export async function openSource(
  project: Project,
  spec: string,
  opts: SourceOptions = {},
): Promise<StateSource> {
  const env = opts.env ?? process.env;
  if (spec === 'migrations') {
    const state = await openAppliedState(project, { env, signal: opts.signal, cache: opts.cache });
    const n = project.migrations().length;
    return {
      spec,
      db: state.db,
      label: `supabase/migrations (${n} file${n === 1 ? '' : 's'})`,
      throwaway: true,
      close: () => state.close(),
    };
  }
  if (spec === 'schemas') return openDeclared(project, env);
  if (spec === 'memory') {
    throw new KodoError(
      'invalid-diff-source',
      `"memory" is an empty database; diff from or to migrations, schemas, embedded or a Postgres URL.`,
    );
  }
  // embedded, local or a URL: read as it is.
  if (!DATABASE.test(spec.trim())) {
    throw new KodoError(
      'invalid-diff-source',
      // Only a plain word is echoed: a mistyped URL may hold a password.
      `${/^[\w.-]{1,40}$/.test(spec) ? `"${spec}"` : 'The value given'} is not a schema state; use migrations, schemas, embedded, local or a postgres:// URL.`,
    );
  }
  const target = parseDatabaseSpec(spec, env, project.root);
  const state = await openAppliedState(project, { db: spec, env });
  return {
    spec,
    db: state.db,
    label: target.kind === 'embedded' ? 'embedded (.kodo/db)' : state.target,
    throwaway: false,
    close: () => state.close(),
  };
}

async function openDeclared(project: Project, env: NodeJS.ProcessEnv): Promise<StateSource> {
  const { listing, loaded } = project.declaredSchemas();
  if (loaded.length === 0) {
    throw new KodoError(
      'no-declared-schemas',
      'There are no declarative schema files (no *.sql under supabase/schemas and no [db.migrations] schema_paths in supabase/config.toml); write them first, or diff against embedded or a URL.',
    );
  }
  const db = await openMemoryDatabase('memory (declarative schemas)', { env });
  const run = await applySeeds(db, loaded, { root: project.root });
  if (run.failure) {
    await db.close();
    const f = run.failure;
    throw new KodoError(
      'schema-file-failed',
      `${f.file}:${f.line}:${f.column}: ${f.message} — the declarative schema files do not run on a fresh database; fix that file and diff again.`,
      'check',
    );
  }
  const n = loaded.length;
  return {
    spec: 'schemas',
    db,
    label: `${listing.source} (${n} file${n === 1 ? '' : 's'})`,
    throwaway: true,
    close: () => db.close(),
  };
}

/** The default "to": the declarative files when there are any, else the embedded dev database. */
export function defaultTo(project: Project): string {
  return project.declaredSchemas().loaded.length > 0 ? 'schemas' : 'embedded';
}
