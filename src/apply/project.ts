// Everything apply/status/repair/check read from the project: config mode, ranges, and the migration files.
import { type KodoConfig, loadConfig } from '../config/load.js';
import { type FolderWarning, listMigrations } from '../migrations/list.js';
import { type LoadedMigration, readMigrations } from '../migrations/read.js';
import { type RangeOwner, resolveRanges } from '../versions/ranges.js';

export interface MigrationProject {
  root: string;
  config: KodoConfig;
  /** Service ranges in hybrid mode; undefined in supabase-only mode. */
  owners: RangeOwner[] | undefined;
  migrations: LoadedMigration[];
  warnings: FolderWarning[];
}

export async function loadMigrationProject(root: string): Promise<MigrationProject> {
  const config = await loadConfig(root);
  const owners = config.mode === 'hybrid' ? resolveRanges(config) : undefined;
  const folder = await listMigrations(root);
  return { root, config, owners, migrations: await readMigrations(folder.files), warnings: folder.warnings };
}
