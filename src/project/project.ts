// One project, loaded lazily and once. Every capability that needs the config, the service ranges or the
// migrations (their texts, hashes and statements) takes a Project rather than a root, so that `kodo check` (lint,
// then replay) and `kodo up` (verify, then apply) read the config and each file once, and later capabilities
// (RLS tests, advisors, diff, rollback, squash, sync) share the same loaded state.
import { type KodoConfig, loadConfig } from '../config/load.js';
import type { TomlTable } from '../detect/toml.js';
import { listMigrationsSync, type MigrationFolder } from '../migrations/list.js';
import { type LoadedMigration, readMigrationSync } from '../migrations/read.js';
import { type SquashedOriginal, squashedOriginals } from '../squash/backups.js';
import { type RangeOwner, resolveRanges } from '../versions/ranges.js';
import { type DeclaredSchemas, declaredSchemaFiles } from './declared-schemas.js';
import { type LoadedSeed, loadSeeds, type SeedListing, seedFiles } from './seeds.js';
import { apiSchemas, readSupabaseConfig } from './supabase-config.js';

export class Project {
  private configLoad: Promise<KodoConfig> | undefined;
  private ownersLoad: Promise<RangeOwner[] | undefined> | undefined;
  private listing: MigrationFolder | undefined;
  private loaded: LoadedMigration[] | undefined;
  private seedLoad: { listing: SeedListing; loaded: LoadedSeed[] } | undefined;
  private supabaseToml: TomlTable | null | undefined;
  private schemaLoad: { listing: DeclaredSchemas; loaded: LoadedSeed[] } | undefined;
  private retiredLoad: SquashedOriginal[] | undefined;

  /** `root`: the project root, absolute (the doors check that it exists and, for MCP, that it is allowed). */
  constructor(readonly root: string) {}

  /** `.kodo/config.json`, validated (supabase-only mode without one). */
  config(): Promise<KodoConfig> {
    this.configLoad ??= loadConfig(this.root);
    return this.configLoad;
  }

  /** Service ranges in hybrid mode; undefined in supabase-only mode. */
  owners(): Promise<RangeOwner[] | undefined> {
    this.ownersLoad ??= this.config().then((c) => (c.mode === 'hybrid' ? resolveRanges(c) : undefined));
    return this.ownersLoad;
  }

  /** supabase/migrations as the Supabase CLI would apply it, with warnings for what it would skip or mis-order. */
  folder(): MigrationFolder {
    this.listing ??= listMigrationsSync(this.root);
    return this.listing;
  }

  /** Every migration in apply order: text, sha256 and statements split as the Supabase CLI splits them. */
  migrations(): LoadedMigration[] {
    this.loaded ??= this.folder().files.map(readMigrationSync);
    return this.loaded;
  }

  /** The originals kodo squash folded away (.kodo/squashed/): no longer applied, still tracked by sync. */
  retired(): SquashedOriginal[] {
    this.retiredLoad ??= squashedOriginals(this.root);
    return this.retiredLoad;
  }

  /**
   * Every version a new migration must not take: the folder's, and those of squashed originals (a database that
   * applied one still has its row, and a new file reusing the version would be taken for it and never run).
   */
  versionsInUse(): Array<{ version: string; file: string }> {
    return [...this.folder().files, ...this.retired()].map((f) => ({ version: f.version, file: f.file }));
  }

  /** supabase/config.toml, parsed (null when the project has none). */
  supabaseConfig(): TomlTable | null {
    if (this.supabaseToml === undefined) this.supabaseToml = readSupabaseConfig(this.root);
    return this.supabaseToml;
  }

  /** The schemas the Data API exposes (`[api] schemas`, default public and graphql_public). */
  apiSchemas(): string[] {
    return apiSchemas(this.supabaseConfig());
  }

  /** The seed files (supabase/seed.sql or config.toml's [db.seed] sql_paths), in the order they run, read. */
  seeds(): { listing: SeedListing; loaded: LoadedSeed[] } {
    if (!this.seedLoad) {
      const listing = seedFiles(this.root);
      this.seedLoad = { listing, loaded: loadSeeds(this.root, listing.files) };
    }
    return this.seedLoad;
  }

  /** The declarative schema files (supabase/schemas or `[db.migrations] schema_paths`), in order, read. */
  declaredSchemas(): { listing: DeclaredSchemas; loaded: LoadedSeed[] } {
    if (!this.schemaLoad) {
      const listing = declaredSchemaFiles(this.root, this.supabaseConfig());
      this.schemaLoad = { listing, loaded: loadSeeds(this.root, listing.files, 'Schema file') };
    }
    return this.schemaLoad;
  }
}

/** A Project for `root`, or the one a caller already loaded (so nothing is read twice). */
export function projectOf(at: string | Project): Project {
  return typeof at === 'string' ? new Project(at) : at;
}
